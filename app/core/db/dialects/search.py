"""The SQL of a catalog match on either engine, for the services' typed searches.

A :class:`CatalogMatch` is what the seller typed, cut into words; :func:`match_sql` gives
the FROM item (the engine's index, alias ``f``), the column holding the variant id, the
join keyword and the condition with its parameters. SQLite reads FTS5; PostgreSQL reads
``catalog_search`` (see :mod:`.postgresql`): the same rows for the same words.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.db.dialects import POSTGRESQL
from app.core.db.dialects import postgresql as pg
from app.core.db.dialects.sqlite import fts5_query

_WORD = re.compile(r"[\w\-./#+]+")


@dataclass(frozen=True)
class CatalogMatch:
    """Typed text as words; every word (or, with ``any_word``, any) matches as a prefix."""

    words: tuple[str, ...]
    any_word: bool = False

    @classmethod
    def parse(cls, text_in: str, *, any_word: bool = False) -> CatalogMatch | None:
        """None when the text has no word to search for."""
        words = tuple(_WORD.findall(text_in or ""))
        return cls(words, any_word) if words else None

    def fts5(self) -> str:
        """The FTS5 query text (SQLite)."""
        return fts5_query(self.words, self.any_word)


@dataclass(frozen=True)
class MatchSql:
    """Pieces of a search statement: ``FROM {source} {join} variants v ON v.id = {id_col}
    WHERE {where}``; ``rank`` orders by relevance (best first)."""

    source: str
    id_col: str
    join: str
    where: str
    rank: str
    params: dict[str, Any]
    dialect: str = ""

    def lookup(self, table: str, alias: str, key: str) -> str:
        """The join that reads ``table`` (as ``alias``) by its id ``key``, for each match
        and only for them: the engine's matches drive the query, the big tables are never
        scanned. SQLite: ``CROSS JOIN`` (it keeps that join order). PostgreSQL: a
        ``LATERAL`` subquery with ``OFFSET 0``, which the planner cannot merge into a
        join, so it reads the row by primary key per match; as a plain join it hashed
        the whole variants table for a few thousand matches (33 ms at 100,000 variants
        for 1,000 matches, against 2 ms; tests/pg/test_search_plans.py checks it)."""
        if self.dialect == POSTGRESQL:
            return f"CROSS JOIN LATERAL (SELECT * FROM {table} WHERE id = {key} OFFSET 0) {alias}"
        return f"CROSS JOIN {table} {alias} ON {alias}.id = {key}"


def match_sql(dialect_name: str, m: CatalogMatch, *, category: str | None = None) -> MatchSql:
    """The engine's SQL for ``m``; ``category`` narrows inside the index where it can (the
    caller keeps the exact equality)."""
    if dialect_name == POSTGRESQL:
        return _postgresql(m, category)
    q = m.fts5()
    if category and any(c.isalnum() for c in category):
        # the category's words as an FTS phrase too: the index narrows the matches to
        # (a superset of) the category before any row is read
        q = f'({q}) AND category : "{category.replace(chr(34), chr(34) * 2)}"'
    # CROSS JOIN fixes SQLite's join order: the matches first, then their rows by id
    return MatchSql("catalog_fts f", "f.rowid", "CROSS JOIN", "catalog_fts MATCH :q", "rank",
                    {"q": q}, dialect_name)  # fmt: skip


def _postgresql(m: CatalogMatch, category: str | None) -> MatchSql:
    params: dict[str, Any] = {}
    conds = []
    for i, word in enumerate(m.words):
        pattern = pg.like_pattern(word)
        if pattern is None:
            continue
        params[f"q{i}"] = pattern
        conds.append(f"f.words LIKE :q{i} ESCAPE '\\'")
    # the lexemes' GIN index finds the rows (a superset); the LIKEs keep FTS5's phrases
    where = "false"
    if conds:
        params["lex_q"] = pg.lexeme_query(m.words, m.any_word, category)
        joined = (" OR " if m.any_word else " AND ").join(conds)
        where = f"f.lexemes @@ CAST(:lex_q AS tsquery) AND ({joined})"
    params["rank_q"] = pg.rank_query(m.words)
    rank = "ts_rank(f.doc, to_tsquery('simple', :rank_q)) DESC"
    return MatchSql("catalog_search f", "f.variant_id", "JOIN", where, rank, params, POSTGRESQL)


def text_order(dialect_name: str, column: str) -> str:
    """``column`` in byte order on both engines (SQLite's BINARY; PostgreSQL's "C"), so a
    sort by SKU or name gives the same order whatever the server's locale."""
    return f'{column} COLLATE "C"' if dialect_name == POSTGRESQL else column


def fetch_ids(session: Session, sql: str, params: dict[str, Any]) -> array:
    """The first column of ``sql`` (named ``:params``) as an ``array('q')``, straight on
    the driver's cursor: SQLAlchemy's Row objects doubled the time of a 40,000-match
    search on SQLite (tests/perf/bench_catalog.py) and cost a quarter of a 4,000-match one
    on PostgreSQL (tests/perf/bench_teamdb.py). psycopg gets the statement in its own
    parameter style and makes one int per row (``scalar_row``)."""
    driver: Any = session.connection().connection.driver_connection
    if session.get_bind().dialect.name != POSTGRESQL:
        return array("q", [row[0] for row in driver.execute(sql, params)])
    from psycopg.rows import scalar_row

    with driver.cursor(row_factory=scalar_row) as cur:
        cur.execute(_driver_sql(sql, session.get_bind().dialect), params)
        return array("q", cur.fetchall())


@lru_cache(maxsize=256)
def _driver_sql(sql: str, dialect: Any) -> str:
    """``sql`` in the driver's parameter style (``%(name)s``), compiled once per text."""
    return str(text(sql).compile(dialect=dialect))
