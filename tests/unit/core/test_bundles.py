"""Bundles and kits: components, the minimum rule, order lines moving components, the
pushes a component change queues, and the editing checks (cycles, direct adjustments)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.db.models import ChannelListing, InventoryTransaction, OrderItem, StockPush
from app.core.domain import OrderStatus, OutboxStatus
from app.core.services import bundles, inventory, locations, stock_levels
from app.core.services.bundles import parse_components
from app.core.services.errors import ValidationError
from app.core.services.orders import upsert_orders_in
from tests.helpers.factories import order, product, store


@pytest.fixture
def kit(ctx, workspace):
    """GIFT-SET = 2 × TEE-RED-M + 1 × MUG-01, listed on two stores; 10 tees, 3 mugs."""
    p = product(ctx, name="Kit", skus=("TEE-RED-M", "MUG-01", "GIFT-SET"))
    tee, mug, gift = (v.id for v in p.variants)
    loc = locations.list_locations(ctx)[0].id
    inventory.receive(ctx, tee, loc, 10)
    inventory.receive(ctx, mug, loc, 3)
    bundles.set_components_by_sku(ctx, "gift-set", "TEE-RED-M×2, MUG-01 x 1")
    sids = [store(ctx, f"Toko {i}", str(1000 + i)).id for i in range(2)]
    with workspace.sessions.begin() as s:
        for sid in sids:
            for sku, vid, shown in (("GIFT-SET", gift, 3), ("MUG-01", mug, 3)):
                s.add(
                    ChannelListing(
                        store_id=sid,
                        platform_product_id=f"P-{sku}",
                        platform_variant_id=f"V-{sku}",
                        platform_sku=sku,
                        platform_stock=shown,
                        last_pushed_stock=shown,
                        variant_id=vid,
                    )
                )
    return {"tee": tee, "mug": mug, "gift": gift, "loc": loc, "stores": sids}


def wanted(workspace) -> dict[tuple[int, str], int]:
    with workspace.sessions() as s:
        return {
            (sid, sku): w
            for sid, sku, w in s.execute(
                select(StockPush.store_id, ChannelListing.platform_sku, StockPush.wanted_stock)
                .join(ChannelListing, ChannelListing.id == StockPush.listing_id)
                .where(StockPush.status != OutboxStatus.DONE)
            )
        }


def available(ctx, vid, loc):
    with ctx.read() as s:
        return stock_levels.available_by_variant(s, [vid], loc)[vid]


def test_parse_accepts_times_x_and_star_and_bare_skus():
    known = ["TEE-RED-M", "MUG-01", "BOX-X2"]
    assert parse_components("tee-red-m×2, MUG-01*3 ,BOX-X2, box-x2 X 4", known) == [
        ("TEE-RED-M", 2),
        ("MUG-01", 3),
        ("BOX-X2", 1),
        ("BOX-X2", 4),
    ]
    with pytest.raises(ValidationError, match="unknown component SKU NOPE"):
        parse_components("MUG-01×1, NOPE×2", known)


def test_available_is_the_minimum_over_components(ctx, kit):
    assert available(ctx, kit["gift"], kit["loc"]) == 3  # min(10 // 2, 3 // 1)
    inventory.adjust(ctx, kit["tee"], kit["loc"], -5, "count")
    assert available(ctx, kit["gift"], kit["loc"]) == 2  # min(5 // 2, 3)
    other = locations.create_location(ctx, "TOKO", "Toko")
    assert available(ctx, kit["gift"], other) == 0  # components have nothing there


def test_an_order_line_moves_each_component_with_one_ledger_row(ctx, workspace, kit):
    with workspace.sessions.begin() as s:
        from app.core.db.models import Store

        upsert_orders_in(
            s, s.get(Store, kit["stores"][0]), [order("B1", OrderStatus.TO_SHIP, [("GIFT-SET", 1)])]
        )
    with ctx.read() as s:
        item = s.scalars(select(OrderItem)).one()
        rows = s.execute(
            select(InventoryTransaction.reference_id, InventoryTransaction.delta_reserved)
            .where(InventoryTransaction.reference_type == "order_item")
            .order_by(InventoryTransaction.id)
        ).all()
    assert item.variant_id == kit["gift"]
    assert sorted(rows) == sorted([(str(item.id), 2), (str(item.id), 1)])
    assert available(ctx, kit["tee"], kit["loc"]) == 8
    assert available(ctx, kit["mug"], kit["loc"]) == 2
    # both stores' bundle listings and the mug's own listings follow
    got = wanted(workspace)
    for sid in kit["stores"]:
        assert got[(sid, "GIFT-SET")] == 2
        assert got[(sid, "MUG-01")] == 2
    with workspace.sessions.begin() as s:
        from app.core.db.models import Store

        upsert_orders_in(
            s,
            s.get(Store, kit["stores"][0]),
            [order("B1", OrderStatus.CANCELLED, [("GIFT-SET", 1)], minutes=5)],
        )
    assert available(ctx, kit["tee"], kit["loc"]) == 10
    assert available(ctx, kit["mug"], kit["loc"]) == 3
    with ctx.read() as s:
        assert stock_levels.ledger_mismatches(s) == []


def test_a_component_change_queues_every_bundle_listing(ctx, workspace, kit):
    inventory.adjust(ctx, kit["mug"], kit["loc"], -2, "broken")
    got = wanted(workspace)
    for sid in kit["stores"]:
        assert got[(sid, "GIFT-SET")] == 1
        assert got[(sid, "MUG-01")] == 1


def test_a_bundle_cannot_be_adjusted_directly(ctx, kit):
    with pytest.raises(ValidationError, match="adjust its components: MUG-01, TEE-RED-M"):
        inventory.adjust(ctx, kit["gift"], kit["loc"], 5, "count")
    with pytest.raises(ValidationError, match="adjust its components"):
        inventory.receive(ctx, kit["gift"], kit["loc"], 5)


def test_cycles_are_refused_with_a_clear_message(ctx, kit):
    product(ctx, name="Big", skus=("MEGA-SET",))
    bundles.set_components_by_sku(ctx, "MEGA-SET", "GIFT-SET×2, TEE-RED-M×1")
    with pytest.raises(ValidationError, match="GIFT-SET cannot contain MEGA-SET"):
        bundles.set_components_by_sku(ctx, "GIFT-SET", "MEGA-SET×1")
    with pytest.raises(ValidationError, match="component of itself"):
        bundles.set_components_by_sku(ctx, "GIFT-SET", "GIFT-SET×1")
    # nested: MEGA-SET = 2 × (2 tees + 1 mug) + 1 tee = 5 tees + 2 mugs
    mega = next(b for b in bundles.list_bundles(ctx) if b.sku == "MEGA-SET")
    assert mega.available == 1  # min(10 // 5, 3 // 2)
    assert [c.sku for c in bundles.components(ctx, kit["gift"])] == ["MUG-01", "TEE-RED-M"]


def test_a_variant_with_stock_cannot_become_a_bundle(ctx, kit):
    with pytest.raises(ValidationError, match="count it to 0"):
        bundles.set_components_by_sku(ctx, "MUG-01", "TEE-RED-M×1")
    bundles.clear_by_sku(ctx, "GIFT-SET")
    assert bundles.components(ctx, kit["gift"]) == []
    with pytest.raises(ValidationError, match="is not a bundle"):
        bundles.clear_by_sku(ctx, "GIFT-SET")


def test_the_catalog_row_of_a_bundle_shows_what_its_components_allow(ctx, kit):
    from app.core.services import catalog

    rows = catalog.variant_rows(ctx, [kit["gift"], kit["mug"]])
    assert (rows[kit["gift"]].on_hand, rows[kit["gift"]].available) == (3, 3)
    assert rows[kit["mug"]].available == 3


def test_a_bundle_is_picked_as_its_components(ctx, workspace, kit):
    from app.core.db.models import Store
    from app.core.services import orders as order_service
    from app.core.services.picking import picking_list

    with workspace.sessions.begin() as s:
        upsert_orders_in(
            s,
            s.get(Store, kit["stores"][0]),
            [order("P1", OrderStatus.TO_SHIP, [("GIFT-SET", 2), ("MUG-01", 1)])],
        )
    oid = order_service.find_order_id(ctx, kit["stores"][0], "P1")
    rows = {r.sku: r.quantity for r in picking_list(ctx, [oid]).rows}
    assert rows == {"TEE-RED-M": 4, "MUG-01": 3}


def test_the_demo_defines_its_bundle_once_the_sync_imported_it(ctx):
    from app.demo import define_demo_bundle

    assert define_demo_bundle(ctx) is False  # nothing imported yet: tried again later
    product(ctx, name="Paket", skus=("PAKET-KOPI-MADU",))
    assert define_demo_bundle(ctx) is False  # its components not imported yet
    product(ctx, name="Kopi", skus=("KOPI-01",))
    product(ctx, name="Madu", skus=("MADU-00",))
    assert define_demo_bundle(ctx) is True
    rows = bundles.list_bundles(ctx)
    assert [(b.sku, [(c.sku, c.quantity) for c in b.components]) for b in rows] == [
        ("PAKET-KOPI-MADU", [("KOPI-01", 2), ("MADU-00", 1)])
    ]
