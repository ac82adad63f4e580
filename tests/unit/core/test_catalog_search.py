"""Typed catalog search driven by the FTS5 index: the same rows in the same order as the
query it replaced, plans that read only the matches, and reads that can be cancelled."""

from __future__ import annotations

import sqlite3
from array import array

import pytest
from sqlalchemy import select

from app.core.db.models import Product, Variant
from app.core.domain import ProductStatus
from app.core.services import catalog, search
from app.core.services.cancel import Cancelled, CancelToken
from app.core.services.catalog import SORTABLE, collect_ids, fts_query, fts_variant_ids
from tests.helpers.factories import product
from tests.perf.catalogdata import build_search_catalog, product_row, variant_row

SEARCHES = ["SKU-0001", "madu", "bakan", "madu bakan", "teh 500", "m", "merek0", "minuman", "2"]
# "Minuman Segar" contains the words of "Minuman"; "+++" has no words at all
CATEGORIES = [None, "Minuman", "Bumbu", "Minuman Segar", "+++", 'Kopi "Spesial"', "Café-Bar"]


def _before(ctx, text, *, sort, descending, include_archived, category) -> array:
    """The id snapshot as the previous implementation computed it (the reference)."""
    col = SORTABLE[sort]
    stmt = select(Variant.id).where(Variant.workspace_id == ctx.workspace_id)
    if sort == "name" or category:
        stmt = stmt.join(Product, Product.id == Variant.product_id)
    if not include_archived:
        stmt = stmt.where(Variant.status == ProductStatus.ACTIVE)
    if category:
        stmt = stmt.where(Product.category == category)
    order = col.desc() if descending else col.asc()
    tiebreak = Variant.id.desc() if descending else Variant.id.asc()
    with ctx.read() as s:
        stmt = stmt.where(Variant.id.in_(fts_variant_ids(s, fts_query(text))))
        return collect_ids(s, stmt.order_by(order, tiebreak))


@pytest.fixture
def small(workspace):
    """800 bench-like variants (ties in name and price) plus a few made by the services."""
    build_search_catalog(workspace.paths.database, workspace.ctx.workspace_id, 800)
    for i, price in enumerate((5000, 5000, 7000)):
        product(
            workspace.ctx,
            name=f"Madu Bakan Tambahan {i}",
            skus=(f"SKU-0001-X{i}",),
            category="Minuman",
            price=price,
        )
    for i, category in enumerate(CATEGORIES[3:]):
        product(workspace.ctx, name=f"Madu Kopi {i}", skus=(f"SKU-0001-C{i}",), category=category)
    return workspace.ctx


def test_same_rows_in_the_same_order_as_before(small):
    checked = 0
    for text in SEARCHES:
        for category in CATEGORIES:
            for sort in SORTABLE:
                for descending in (False, True):
                    for include_archived in (False, True):
                        kw = {
                            "sort": sort,
                            "descending": descending,
                            "include_archived": include_archived,
                            "category": category,
                        }
                        want = _before(small, text, **kw).tolist()
                        assert catalog.variant_ids(small, text, **kw).tolist() == want, (text, kw)
                        checked += bool(want)
    assert checked > 200  # most combinations match something


def test_a_limit_keeps_the_first_ids(small):
    full = catalog.variant_ids(small, "madu", sort="price", descending=True)
    assert len(full) > 20
    first = catalog.variant_ids(small, "madu", sort="price", descending=True, limit=20)
    assert first.tolist() == full.tolist()[:20]
    browse = catalog.variant_ids(small)
    assert catalog.variant_ids(small, "", limit=5).tolist() == browse[:5].tolist()


def test_the_plan_reads_variants_and_products_only_by_the_matched_ids(small, workspace):
    sql, params = catalog._search_ids_sql(
        small, "sqlite", fts_query("madu"), "name", False, False, "Minuman", 5
    )
    con = sqlite3.connect(workspace.paths.database)
    try:
        plan = [r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql, params)]
    finally:
        con.close()
    assert plan[0].startswith("SCAN f VIRTUAL TABLE")
    assert plan[1:3] == [
        "SEARCH v USING INTEGER PRIMARY KEY (rowid=?)",
        "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)",
    ]


def test_the_bulk_filled_index_equals_the_one_the_triggers_write(workspace, tmp_path):
    from app.core.paths import resolve_paths
    from app.core.workspace import open_workspace

    build_search_catalog(workspace.paths.database, workspace.ctx.workspace_id, 400)
    other = open_workspace(resolve_paths(tmp_path / "by-triggers"))
    try:
        con = sqlite3.connect(other.paths.database)
        wid = other.ctx.workspace_id
        with con:
            con.executemany(
                "INSERT INTO products (id, workspace_id, name, description, brand, category,"
                " status, created_at, updated_at) VALUES (?, ?, ?, '', ?, ?, ?, ?, ?)",
                [product_row(p, wid) for p in range(1, 101)],
            )
            for v in range(1, 401):  # one by one, through the insert trigger
                con.execute(
                    "INSERT INTO variants (id, workspace_id, product_id, sku, sku_key, name,"
                    " attributes, barcode, price, cost, weight_grams, images, status,"
                    " created_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, '{}', '', ?, ?, 100, '[]', ?, ?, ?)",
                    variant_row(v, wid),
                )
        rows = "SELECT rowid, * FROM catalog_fts ORDER BY rowid"
        bulk = sqlite3.connect(workspace.paths.database)
        try:
            assert bulk.execute(rows).fetchall() == con.execute(rows).fetchall()
            for text in SEARCHES:
                q = "SELECT rowid FROM catalog_fts WHERE catalog_fts MATCH ? ORDER BY rowid"
                assert (
                    bulk.execute(q, (fts_query(text).fts5(),)).fetchall()
                    == con.execute(q, (fts_query(text).fts5(),)).fetchall()
                )
            triggers = "SELECT name, sql FROM sqlite_master WHERE type='trigger' ORDER BY name"
            assert bulk.execute(triggers).fetchall() == con.execute(triggers).fetchall()
        finally:
            bulk.close()
            con.close()
    finally:
        other.close()


class _CancelAfter(CancelToken):
    """Cancelled from the reading thread after ``n`` checks: mid-query, deterministically."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.checks = 0
        self.n = n

    @property
    def cancelled(self) -> bool:
        self.checks += 1
        return self.checks > self.n


def test_a_cancelled_token_stops_the_read_and_the_connection_stays_usable(small):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        catalog.variant_ids(small, "madu", cancel=token)
    mid = _CancelAfter(2)
    with pytest.raises(Cancelled):
        catalog.variant_ids(small, "m", sort="name", cancel=mid)
    assert mid.checks > 2  # the progress handler stopped it while it ran
    # the handler is gone from the pooled connection: the next reads run to the end
    assert len(catalog.variant_ids(small, "m", sort="name")) == len(
        catalog.variant_ids(small, "m", sort="name", cancel=CancelToken())
    )


def test_global_search_and_pickers_find_by_the_index(small):
    hits = search.search_variants(small, "SKU-0001-X", limit=5)
    assert [h.subtitle for h in hits] == ["SKU-0001-X0", "SKU-0001-X1", "SKU-0001-X2"]
    found = search.global_search(small, "madu bakan", limit=3)
    assert [h.kind for h in found] == ["variant"] * 3
