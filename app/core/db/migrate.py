"""Run Alembic migrations at start-up and report the schema revision.

Before a migration changes the schema of an existing database, a backup is taken (see
:mod:`app.core.db.backup`). A database whose revision this code does not know was written by
a newer StoreSync: it is refused with :class:`~app.core.db.problems.NewerSchema` and left as
it is. Which version wrote the schema is kept in SQLite's ``PRAGMA user_version`` (see
:func:`encode_version`), so the refusal can name the version to install.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from app import __version__
from app.core.db.engine import READ_ONLY_OPTION
from app.core.db.problems import NewerSchema, typed_errors

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic (and Mako, which it loads) is imported only when a migration runs or a revision
# is asked through it: a database already at head is recognised from the migration files'
# own ``revision`` / ``down_revision`` lines and the ``alembic_version`` row, which saves
# every start the import and two loads of every migration module (tests/perf/
# bench_imports.py; docs/ARCHITECTURE.md, "the same Alembic migrations").
_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(.+)$", re.M)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine) -> Config:
    """An Alembic config pointing at our migrations (no alembic.ini needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    # the config is a ConfigParser: a literal % (the URL quotes non-ASCII letters as %XX)
    # must be doubled or it is read as interpolation
    url = engine.url.render_as_string(hide_password=False)
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def database_path(engine: Engine) -> Path | None:
    """The file behind a SQLite engine (None for an in-memory database or a server)."""
    if engine.url.get_backend_name() != "sqlite":
        return None
    db = engine.url.database
    return Path(db) if db and db != ":memory:" else None


def head_revision(engine: Engine) -> str:
    """The newest revision our code knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    """Every revision our migrations define."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return {rev.revision for rev in ScriptDirectory.from_config(cfg).walk_revisions()}


def chain_from_files() -> tuple[set[str], set[str]]:
    """(every revision, the heads) read from the migration files' ``revision`` and
    ``down_revision`` lines, without Alembic; the same as Alembic's (a test checks)."""
    revisions: set[str] = set()
    below: set[str] = set()
    for f in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        source = f.read_text(encoding="utf-8")
        rev = _REVISION.search(source)
        if rev is None:
            continue
        revisions.add(rev[1])
        down = _DOWN.search(source)
        if down is not None:
            below |= set(re.findall(r"['\"]([^'\"]+)['\"]", down[1]))
    return revisions, revisions - below


def _stored_revisions(engine: Engine) -> list[str] | None:
    """The rows of ``alembic_version`` (None: no such table, an empty database)."""
    with typed_errors(database_path(engine)), _read(engine) as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return [str(r[0]) for r in conn.execute(text("SELECT version_num FROM alembic_version"))]


def _read(engine: Engine) -> Connection:
    # a deferred read: looking at the schema never waits for another process's write
    # (a long import), which BEGIN IMMEDIATE would (docs/ARCHITECTURE.md, data safety)
    return engine.connect().execution_options(**{READ_ONLY_OPTION: True})


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with typed_errors(database_path(engine)), _read(engine) as conn:
        return MigrationContext.configure(conn).get_current_revision()


# ---- which StoreSync wrote the schema: PRAGMA user_version -------------------------------


def encode_version(version: str) -> int:
    """``"1.12.3"`` -> ``1_012_003``: major, minor and patch (each below 1000) in one int,
    the form ``PRAGMA user_version`` holds. Anything after the patch number is dropped;
    0 means "not recorded"."""
    parts = [int(p) for p in re.findall(r"\d+", version.split("+")[0])[:3]]
    parts += [0] * (3 - len(parts))
    major, minor, patch = (min(p, 999) for p in parts)
    return major * 1_000_000 + minor * 1_000 + patch


def decode_version(number: int) -> str | None:
    """The inverse of :func:`encode_version` (None for 0: no version recorded)."""
    if number <= 0:
        return None
    return f"{number // 1_000_000}.{number // 1_000 % 1_000}.{number % 1_000}"


def written_by(conn: Connection) -> str | None:
    """The StoreSync version that last changed this database's schema, if recorded.

    PostgreSQL has no ``user_version``: there the number is the comment on Alembic's
    ``alembic_version`` table."""
    if conn.dialect.name == "postgresql":
        raw = conn.exec_driver_sql(
            "SELECT obj_description('alembic_version'::regclass, 'pg_class')"
        ).scalar()
        return decode_version(int(raw)) if raw and str(raw).isdigit() else None
    return decode_version(int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0))


def _record_writer(conn: Connection) -> None:
    number = encode_version(__version__)
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"COMMENT ON TABLE alembic_version IS '{number}'")
        return
    conn.exec_driver_sql(f"PRAGMA user_version = {number}")


# ---- upgrade ---------------------------------------------------------------------------


def check_not_newer(engine: Engine, revision: str | None) -> None:
    """Raise :class:`NewerSchema` when ``revision`` is not one of ours."""
    if revision is None or revision in known_revisions():
        return
    path = database_path(engine)
    with typed_errors(path), _read(engine) as conn:
        by = written_by(conn)
    raise NewerSchema(path, revision, by)


def upgrade_to_head(engine: Engine) -> str:
    """Bring a new or existing database to head; returns the revision.

    An existing database below head is backed up first; one from a newer StoreSync is
    refused untouched. Errors come out as :class:`DatabaseProblem`.
    """
    path = database_path(engine)
    stored = _stored_revisions(engine)
    _, heads = chain_from_files()
    if stored is not None and len(stored) == 1 and len(heads) == 1 and stored[0] in heads:
        return stored[0]  # at head: nothing to do, Alembic not even loaded
    from alembic import command

    cur = current_revision(engine)
    check_not_newer(engine, cur)
    head = head_revision(engine)
    if cur == head:
        return cur
    if cur is not None and path is not None:
        from app.core.db.backup import backup_before_migration

        backup_before_migration(path, cur, head)
    cfg = alembic_config(engine)
    with typed_errors(path), engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        _record_writer(conn)
    return current_revision(engine) or ""
