"""Orders: idempotent upsert and the item state machine (docs/ARCHITECTURE.md)."""

from __future__ import annotations

import pytest

from app.core.db.models import Store
from app.core.domain import InventoryState, ListingMatch, OrderStatus, TxnType
from app.core.services import (
    inventory,
    listings,
    locations,
    order_items,
    orders,
    stock_levels,
    stores,
)
from app.core.services.orders import upsert_orders_in
from tests.helpers.factories import order, product, store


@pytest.fixture
def setup(ctx):
    """A variant KAOS-01 with 10 on hand, a Shopee store."""
    v = product(ctx, skus=("KAOS-01",)).variants[0]
    loc = locations.list_locations(ctx)[0].id
    inventory.receive(ctx, v.id, loc, 10)
    st = store(ctx)
    return v.id, loc, st.id


def ingest(workspace, store_id, *orders_):
    with workspace.sessions.begin() as s:
        return upsert_orders_in(s, s.get(Store, store_id), list(orders_))


def stock(ctx, vid, loc):
    (lv,) = stock_levels.stock_levels(ctx, vid, loc)
    return lv.on_hand, lv.reserved


def ledger_ok(workspace):
    with workspace.sessions() as s:
        assert stock_levels.ledger_mismatches(s) == []


def test_new_paid_order_reserves_then_shipping_deducts(ctx, workspace, setup):
    vid, loc, sid = setup
    ingest(workspace, sid, order("A1", OrderStatus.TO_SHIP, [("KAOS-01", 3)]))
    assert stock(ctx, vid, loc) == (10, 3)
    ingest(workspace, sid, order("A1", OrderStatus.SHIPPED, [("KAOS-01", 3)], minutes=5))
    assert stock(ctx, vid, loc) == (7, 0)
    ingest(workspace, sid, order("A1", OrderStatus.COMPLETED, [("KAOS-01", 3)], minutes=9))
    assert stock(ctx, vid, loc) == (7, 0)
    moves = stock_levels.movements(ctx, vid)
    assert [m.type for m in moves] == [TxnType.SALE, TxnType.RESERVATION, TxnType.PURCHASE]
    item_id = orders.get_order(ctx, orders.find_order_id(ctx, sid, "A1")).items[0].id
    assert [(m.reference_type, m.reference_id, m.note) for m in moves[:2]] == [
        ("order_item", str(item_id), "order A1")
    ] * 2
    # the movement history names the order and its store, not "order_item 7"
    store_name = next(st.name for st in stores.list_stores(ctx) if st.id == sid)
    assert {(m.order_number, m.store_name) for m in moves[:2]} == {("A1", store_name)}
    assert (moves[2].order_number, moves[2].store_name) == ("", "")
    ledger_ok(workspace)


def test_replaying_the_same_status_changes_nothing(ctx, workspace, setup):
    vid, loc, sid = setup
    o = order("A1", OrderStatus.TO_SHIP, [("KAOS-01", 2)])
    first = ingest(workspace, sid, o)
    again = ingest(workspace, sid, o, o)
    assert (first.created, first.effects) == (1, 1)
    assert (again.created, again.updated, again.effects) == (0, 0, 0)
    assert stock(ctx, vid, loc) == (10, 2)
    assert len(stock_levels.movements(ctx, vid)) == 2


def test_cancel_before_shipping_releases(ctx, workspace, setup):
    vid, loc, sid = setup
    ingest(workspace, sid, order("A1", OrderStatus.UNPAID, [("KAOS-01", 4)]))
    ingest(workspace, sid, order("A1", OrderStatus.CANCELLED, [("KAOS-01", 4)], minutes=3))
    assert stock(ctx, vid, loc) == (10, 0)
    oid = orders.find_order_id(ctx, sid, "A1")
    detail = orders.get_order(ctx, oid)
    assert detail.items[0].inventory_state == InventoryState.RELEASED
    assert [h[1] for h in detail.history] == [OrderStatus.UNPAID, OrderStatus.CANCELLED]
    # a cancelled order never comes back to life
    ingest(workspace, sid, order("A1", OrderStatus.TO_SHIP, [("KAOS-01", 4)], minutes=6))
    assert stock(ctx, vid, loc) == (10, 0)


def test_order_first_seen_shipped_deducts_directly(ctx, workspace, setup):
    vid, loc, sid = setup
    ingest(workspace, sid, order("A1", OrderStatus.SHIPPED, [("KAOS-01", 1)]))
    assert stock(ctx, vid, loc) == (9, 0)


def test_return_restocks_only_when_the_seller_says_so(ctx, workspace, setup):
    vid, loc, sid = setup
    ingest(workspace, sid, order("A1", OrderStatus.SHIPPED, [("KAOS-01", 2)]))
    ingest(workspace, sid, order("A1", OrderStatus.RETURNED, [("KAOS-01", 2)], minutes=1))
    assert stock(ctx, vid, loc) == (8, 0)
    oid = orders.find_order_id(ctx, sid, "A1")
    assert order_items.restock_return(ctx, oid) == 1
    assert order_items.restock_return(ctx, oid) == 0  # idempotent
    assert stock(ctx, vid, loc) == (10, 0)
    ledger_ok(workspace)


def test_unmapped_items_are_flagged_and_take_effect_when_mapped(ctx, workspace, setup):
    vid, loc, sid = setup
    stats = ingest(workspace, sid, order("B1", OrderStatus.TO_SHIP, [("kaos 01 x", 2)]))
    assert stats.unmapped_items == 1
    assert stock(ctx, vid, loc) == (10, 0)
    (listing,) = listings.list_listings(ctx, unmapped_only=True)
    assert listing.platform_sku == "kaos 01 x"
    assert listings.map_listing(ctx, listing.id, vid) == 1
    assert stock(ctx, vid, loc) == (10, 2)
    assert listings.list_listings(ctx, unmapped_only=True) == []
    # unmapping gives the held stock back
    assert listings.unmap_listing(ctx, listing.id) == 1
    assert stock(ctx, vid, loc) == (10, 0)
    ledger_ok(workspace)


def test_auto_match_exact_then_case_and_space_insensitive(ctx, workspace, setup):
    vid, loc, sid = setup
    ingest(
        workspace,
        sid,
        order("C1", OrderStatus.TO_SHIP, [("KAOS-01", 1)]),
        order("C2", OrderStatus.TO_SHIP, [(" kaos-01 ", 1)]),
    )
    rows = {r.platform_sku: r for r in listings.list_listings(ctx)}
    assert rows["KAOS-01"].match == ListingMatch.SKU_EXACT
    assert rows[" kaos-01 "].match == ListingMatch.SKU_NORMALIZED
    assert {r.variant_id for r in rows.values()} == {vid}
    assert stock(ctx, vid, loc) == (10, 2)


def test_removing_a_store_releases_what_its_open_orders_held(ctx, workspace, setup):
    from app.core.services import stores

    vid, loc, sid = setup
    ingest(workspace, sid, order("D1", OrderStatus.TO_SHIP, [("KAOS-01", 3)]))
    summary = stores.removal_summary(ctx, sid)
    assert (summary.orders, summary.listings) == (1, 1)
    stores.remove_store(ctx, sid)
    assert stock(ctx, vid, loc) == (10, 0)
    assert stores.list_stores(ctx) == []
    ledger_ok(workspace)


def test_a_bad_order_in_a_batch_rolls_back_the_whole_batch(ctx, workspace, setup):
    from dataclasses import replace

    vid, loc, sid = setup
    good = order("E1", OrderStatus.TO_SHIP, [("KAOS-01", 1)])
    bad = order("E2", OrderStatus.TO_SHIP, [("KAOS-01", 1)])
    # a value the database refuses (an order out of range is only left out: test_bounds.py)
    bad = replace(bad, created_at=bad.created_at.replace(tzinfo=None))
    with pytest.raises(ValueError, match="naive datetime"):
        ingest(workspace, sid, good, bad)
    assert orders.find_order_id(ctx, sid, "E1") is None
    assert stock(ctx, vid, loc) == (10, 0)


def test_mapping_suggestions_match_any_title_word(ctx, workspace, setup):
    vid, _loc, sid = setup
    ingest(workspace, sid, order("S1", OrderStatus.TO_SHIP, [("ZZZ-9", 1)]))
    (listing,) = listings.list_listings(ctx, unmapped_only=True)
    with workspace.sessions.begin() as s:
        from app.core.db.models import ChannelListing

        s.get(ChannelListing, listing.id).title = "Kaos Polos Hitam XL Premium"
    suggestions = listings.suggest_variants(ctx, listing.id)
    assert [v for v, _sku, _name in suggestions] == [vid]
