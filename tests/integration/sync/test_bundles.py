"""A bundle's stock on every store follows its scarcest component, end to end: the real
sandbox over loopback HTTP, the real engine, orders placed by buyers on the platforms.

The demo bundle (``PAKET-KOPI-MADU``, app/sandbox/catalog.py) is listed on the first
Shopee and the first TikTok shop with no stock of its own; the seller defines it as
2 × ``KOPI-01`` + 1 × ``MADU-00`` (here through the service, in the second test through
an imported workbook before connecting)."""

from __future__ import annotations

import time

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from app.core.db.models import ChannelListing, InventoryItem, InventoryTransaction, OrderItem
from app.core.export.importer import ImportKind, import_file
from app.core.services import bundles, catalog
from app.core.services.channel_stock import shown_stock
from app.core.services.locations import location_for
from app.core.services.stock_levels import available_by_variant
from app.core.sync.engine import EngineOptions, SyncEngine
from app.demo import connect_requests, define_demo_bundle
from app.sandbox.catalog import DEMO_BUNDLE
from app.sandbox.demo import build_sandbox
from tests.integration.sync.conftest import FAST_RETRY, World
from tests.integration.sync.test_drift import listed, place_order

BUNDLE = DEMO_BUNDLE.variants[0].sku
PARTS = {"KOPI-01": 2, "MADU-00": 1}
TIMEOUT = 60.0


def bundle_view(world) -> list[tuple[str, int, int]]:
    """(store, what the platform shows, what the minimum rule and the store's policy
    say) for every store listing the bundle, computed here from the components."""
    out = []
    for st in world.stores():
        if not listed(world, st, BUNDLE):
            continue
        with world.ws.sessions() as s:
            loc = location_for(s, world.ws.ctx.workspace_id, st.settings)
            ids = {sku: catalog.find_variant_by_sku(world.ws.ctx, sku).id for sku in PARTS}
            avail = available_by_variant(s, set(ids.values()), loc)
        scarcest = min(avail[ids[sku]] // q for sku, q in PARTS.items())
        shows = world.sandbox.sim(st.platform.value).stock_of(st.external_shop_id, BUNDLE)
        out.append((st, shows, shown_stock(st.settings, scarcest)))
    return out


def wait_until_bundle_follows(world, expect_scarcest: int | None = None) -> list:
    """Sync (orders, pushes) until every store shows what the rule says; 60 s at most."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        world.settle()
        view = bundle_view(world)
        if len(view) >= 2 and all(shows == wanted for _n, shows, wanted in view):
            return view
        assert time.monotonic() < deadline, view
        time.sleep(0.2)


def test_pushed_bundle_stock_follows_its_scarcest_component_on_every_store(world):
    bundles.set_components_by_sku(world.ws.ctx, BUNDLE, "KOPI-01×2, MADU-00×1")
    view = wait_until_bundle_follows(world)
    assert len(view) == 2  # the demo lists it on one Shopee and one TikTok store
    assert all(shows > 0 for _n, shows, _w in view)

    # buyers take MADU-00 on a store that lists it: it becomes the scarcest component
    st = next(s for s in world.stores() if listed(world, s, "MADU-00"))
    shows = world.sandbox.sim(st.platform.value).stock_of(st.external_shop_id, "MADU-00")
    before = {st.id: shows_ for st, shows_, _w in view}
    place_order(world, st, "MADU-00", shows - 2)
    view = wait_until_bundle_follows(world)
    assert all(shows_ < before[st.id] for st, shows_, _w in view)

    # a buyer orders the bundle itself: its components are reserved, one ledger row each
    st = next(s for s in world.stores() if listed(world, s, BUNDLE))
    place_order(world, st, BUNDLE, 1)
    view = wait_until_bundle_follows(world)
    with world.ws.sessions() as s:
        item = s.scalars(
            select(OrderItem).join(ChannelListing).where(ChannelListing.platform_sku == BUNDLE)
        ).one()
        rows = s.execute(
            select(InventoryItem.variant_id, InventoryTransaction.delta_reserved)
            .join(InventoryItem, InventoryItem.id == InventoryTransaction.item_id)
            .where(
                InventoryTransaction.reference_type == "order_item",
                InventoryTransaction.reference_id == str(item.id),
            )
        ).all()
    ids = {catalog.find_variant_by_sku(world.ws.ctx, sku).id: q for sku, q in PARTS.items()}
    assert sorted(rows) == sorted(ids.items())
    assert world.failed_jobs() == []


@pytest.fixture
def imported_then_demo(workspace, tmp_path):
    """A fresh workspace imports a workbook defining the bundle of two components (with
    their stock), then the demo shops connect and sync."""
    wb = Workbook()
    for row in (
        ["Product name", "SKU", "Initial stock", "Components"],
        ["Kopi Bubuk Arabika Gayo 250gr", "KOPI-01", 9, ""],
        ["Madu Hutan Murni 500ml", "MADU-00", 40, ""],
        [DEMO_BUNDLE.name, BUNDLE, None, "KOPI-01×2, MADU-00×1"],
    ):
        wb.active.append(row)
    wb.save(tmp_path / "catalog.xlsx")
    import_file(workspace.ctx, ImportKind.PRODUCTS, tmp_path / "catalog.xlsx")
    sandbox = build_sandbox(seed=11)
    sandbox.start()
    events: list = []
    engine = SyncEngine(workspace, events.append, EngineOptions(schedule=False, retry=FAST_RETRY))
    engine.start()
    try:
        for req in connect_requests(sandbox, engine):
            engine.connect_store(req).result(timeout=TIMEOUT)
        w = World(workspace, sandbox, engine, events)
        w.sync_all()
        yield w
    finally:
        engine.stop()
        sandbox.stop()


def test_an_imported_bundle_shows_the_minimum_on_every_listing_after_a_demo_sync(
    imported_then_demo,
):
    w = imported_then_demo
    view = wait_until_bundle_follows(w)
    assert len(view) == 2
    # 9 // 2 = 4 beats 40 // 1, through each store's policy
    assert all(wanted == shown_stock(st.settings, 4) for st, _shows, wanted in view)
    assert define_demo_bundle(w.ws.ctx)  # the demo leaves the seller's own bundle as it is
    assert [(c.sku, c.quantity) for c in bundles.components(w.ws.ctx, _bundle_id(w))] == [
        ("KOPI-01", 2),
        ("MADU-00", 1),
    ]
    assert w.failed_jobs() == []


def _bundle_id(world) -> int:
    return catalog.find_variant_by_sku(world.ws.ctx, BUNDLE).id
