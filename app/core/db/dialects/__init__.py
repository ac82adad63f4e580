"""What differs between the two engines, and nothing else (docs/ARCHITECTURE.md, "Team
database"): SQLite keeps its pragmas in :mod:`app.core.db.engine` and its FTS5 catalog
index here (:mod:`.sqlite`); PostgreSQL gets a search table whose tokens are a
GIN-indexed ``tsvector`` (:mod:`.postgresql`; migration 0015). The services ask
:mod:`.search` for the SQL of a catalog match and never name an engine themselves.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
SUPPORTED = (SQLITE, POSTGRESQL)


def search_index_ddl(dialect_name: str) -> list[str]:
    """The statements that create the catalog's search index on this engine (migration
    0001 runs them; the index is kept in step with products and variants by triggers)."""
    if dialect_name == SQLITE:
        from app.core.db.dialects.sqlite import FTS_DDL

        return list(FTS_DDL)
    if dialect_name == POSTGRESQL:
        from app.core.db.dialects.postgresql import SEARCH_DDL

        return list(SEARCH_DDL)
    raise ValueError(f"unsupported database engine: {dialect_name}")


def drop_search_index_ddl(dialect_name: str) -> list[str]:
    """The inverse of :func:`search_index_ddl` (migration 0001's downgrade)."""
    if dialect_name == SQLITE:
        return ["DROP TABLE IF EXISTS catalog_fts"]
    from app.core.db.dialects.postgresql import DROP_SEARCH_DDL

    return list(DROP_SEARCH_DDL)


def bulk_load_statements(dialect_name: str) -> tuple[list[str], list[str]]:
    """Statements around a bulk copy of the catalog: the search index's triggers off
    before, the index built in one statement after (PostgreSQL; nothing on SQLite)."""
    if dialect_name == POSTGRESQL:
        from app.core.db.dialects.postgresql import BULK_AFTER, BULK_BEFORE

        return list(BULK_BEFORE), list(BULK_AFTER)
    return [], []


def create_search_index(conn: Connection) -> None:
    """Run :func:`search_index_ddl` on ``conn``."""
    for statement in search_index_ddl(conn.dialect.name):
        conn.exec_driver_sql(statement)


def insert_missing(session_or_conn, table):
    """An INSERT that skips rows whose unique key already exists (``ON CONFLICT DO
    NOTHING``, SQLite and PostgreSQL alike). On SQLite writers queue (BEGIN IMMEDIATE), so
    a get-or-create never races; on PostgreSQL two transactions may create the same row at
    once, and the second must find the first's instead of failing."""
    if session_or_conn.get_bind().dialect.name == POSTGRESQL:
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table).on_conflict_do_nothing()
