"""The catalog search on PostgreSQL uses its indexes, and lists what SQLite lists (issue
16, items 1 and 8; issue 14, item 1).

A modest catalog (20,000 variants, tests/perf/catalogdata.py: known match counts per
typed word) is built on SQLite and moved to an empty PostgreSQL database with
``db copy-to``'s code, which ends with ANALYZE. Then, for every query type the benches
time (SKU prefix, one word, two words, few and many matches, with and without a category
filter, each sort both ways), the statements ``catalog.variant_ids`` runs are explained
on the server: none may read the variants or products table by a sequential scan; and
the ids must equal SQLite's, in the same order.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.core.db.copy import copy_database
from app.core.db.dialects.search import fetch_ids
from app.core.db.engine import make_engine
from app.core.paths import resolve_paths
from app.core.services import catalog
from app.core.workspace import open_workspace
from tests.perf.catalogdata import CATEGORY, SEARCHES, build_search_catalog
from tests.pg.server import unique_name

VARIANTS = 20_000
SORTS = [(sort, desc) for sort in ("sku", "name", "price") for desc in (False, True)]


@pytest.fixture(scope="module")
def both(pg_server, tmp_path_factory):
    """(SQLite workspace, PostgreSQL workspace) holding the same catalog."""
    folder = tmp_path_factory.mktemp("search-plans")
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("STORESYNC_DATABASE_URL", raising=False)
        lite = open_workspace(resolve_paths(folder / "lite"), database_url=None)
        build_search_catalog(lite.paths.database, lite.ctx.workspace_id, VARIANTS)
        url = pg_server.create_database(unique_name("plans"))
        source, target = make_engine(lite.paths.database), make_engine(url)
        try:
            copy_database(source, target)  # its last step is ANALYZE
        finally:
            source.dispose()
            target.dispose()
        pg = open_workspace(resolve_paths(folder / "pg"), database_url=url)
    try:
        yield lite, pg
    finally:
        lite.close()
        pg.close()


def _plans(ws, fn, monkeypatch) -> tuple[list, list[str]]:
    """Run ``fn`` and return its result and the server's plan of each id query it ran
    (they go to the driver's cursor through ``fetch_ids``, which is watched here)."""
    seen: list[tuple[str, dict]] = []

    def watched(session, sql, params):
        seen.append((sql, params))
        return fetch_ids(session, sql, params)

    with monkeypatch.context() as mp:
        mp.setattr(catalog, "fetch_ids", watched)
        got = fn()
    plans = []
    with ws.ctx.read() as s:
        for sql, params in seen:
            plans.append("\n".join(s.execute(text("EXPLAIN " + sql), params).scalars()))
    return got, plans


def test_every_query_type_reads_the_catalog_by_index_and_matches_sqlite(both, monkeypatch):
    lite, pg = both
    checked = found = 0
    for label, typed in SEARCHES.items():
        for category in (None, CATEGORY):
            for sort, desc in SORTS:
                name = f"{label!r}, category {category}, by {sort}{' desc' if desc else ''}"

                def search(ws, typed=typed, category=category, sort=sort, desc=desc):
                    return catalog.variant_ids(
                        ws.ctx, typed, sort=sort, descending=desc, category=category
                    ).tolist()

                got, plans = _plans(pg, lambda: search(pg), monkeypatch)
                assert plans, f"{name}: no statement seen"
                for plan in plans:
                    for table in ("variants", "products", "catalog_search"):
                        assert f"Seq Scan on {table}" not in plan, f"{name}:\n{plan}"
                assert got == search(lite), f"{name}: PostgreSQL lists other rows than SQLite"
                checked += 1
                found += len(got)
    assert checked == len(SEARCHES) * 2 * len(SORTS)
    assert found > 5_000  # the queries do find things (the many-match words: 800 each)


def test_migration_0015_goes_down_and_up_with_the_index_filled(pg_url, tmp_path):
    from alembic import command
    from sqlalchemy import inspect

    from app.core.db.migrate import alembic_config
    from tests.helpers.factories import product

    ws = open_workspace(resolve_paths(tmp_path), database_url=pg_url)
    try:
        product(ws.ctx, name="Madu Hutan Asli", skus=("MADU-250", "MADU-500"))
        cfg = alembic_config(ws.engine)
        with ws.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0014")
        columns = {c["name"] for c in inspect(ws.engine).get_columns("catalog_search")}
        assert "lexemes" not in columns and "words" in columns
        product(ws.ctx, name="Madu Kelengkeng", skus=("MADU-K1",))  # written at 0014
        with ws.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        rows = catalog.variant_rows(ws.ctx, found := catalog.variant_ids(ws.ctx, "madu-"))
        assert [rows[i].sku for i in found] == ["MADU-250", "MADU-500", "MADU-K1"]
    finally:
        ws.close()
