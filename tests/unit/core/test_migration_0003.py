"""Migration 0003 repairs ledger rows that stored an OrderItem's repr as their reference."""

from __future__ import annotations

from alembic import command
from sqlalchemy import select, text, update

from app.core.db.migrate import alembic_config, current_revision, head_revision, upgrade_to_head
from app.core.db.models import InventoryTransaction, Order, OrderItem, Store
from app.core.domain import OrderStatus
from app.core.services import inventory, listings, locations, stock_levels
from app.core.services.orders import upsert_orders_in
from tests.helpers.factories import order, product, store

REPR = "<app.core.db.models.orders.OrderItem object at 0x7f3a2c1e9b50>"


def _item_ids(s, platform_order_id: str) -> list[int]:
    return list(
        s.scalars(
            select(OrderItem.id)
            .join(Order, Order.id == OrderItem.order_id)
            .where(Order.platform_order_id == platform_order_id)
            .order_by(OrderItem.id)
        )
    )


def _ledger(s) -> dict[int, tuple]:
    t = InventoryTransaction
    return {
        r[0]: tuple(r[1:])
        for r in s.execute(
            select(
                t.id, t.reference_type, t.reference_id, t.note, t.delta_on_hand, t.delta_reserved
            )
        )
    }


def _downgrade_to_0002(engine) -> None:
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")


def test_bad_references_are_repaired_where_the_item_is_found_else_marked(ctx, workspace):
    vid = product(ctx, skus=("KAOS-01",)).variants[0].id
    loc = locations.list_locations(ctx)[0].id
    inventory.receive(ctx, vid, loc, 20)
    sid = store(ctx).id
    with workspace.sessions.begin() as s:
        upsert_orders_in(
            s,
            s.get(Store, sid),
            [
                order("A1", OrderStatus.TO_SHIP, [("ZZ-A", 2)]),  # found again: one line fits
                order("B1", OrderStatus.SHIPPED, [("ZZ-B", 1), ("ZZ-B", 1)]),  # two alike
                order("C1", OrderStatus.TO_SHIP, [("ZZ-C", 3)]),  # unmapped since
                order("K1", OrderStatus.TO_SHIP, [("KAOS-01", 1)]),  # mapped all along
            ],
        )
    unmapped = {li.platform_sku: li.id for li in listings.list_listings(ctx, unmapped_only=True)}
    for sku in ("ZZ-A", "ZZ-B", "ZZ-C"):
        listings.map_listing(ctx, unmapped[sku], vid)
    listings.unmap_listing(ctx, unmapped["ZZ-C"])

    # what the old writer left: the mapped rows hold the item's repr
    with workspace.sessions.begin() as s:
        s.execute(
            update(InventoryTransaction)
            .where(InventoryTransaction.note.like("% (listing mapped)"))
            .values(reference_id=REPR)
        )
        before = _ledger(s)
        a1, b1, c1, k1 = (_item_ids(s, o) for o in ("A1", "B1", "C1", "K1"))
    bad = {i for i, r in before.items() if r[1] == REPR}
    assert len(bad) == 4  # A1, two of B1, C1
    _downgrade_to_0002(workspace.engine)
    assert current_revision(workspace.engine) == "0002"

    upgrade_to_head(workspace.engine)

    with workspace.sessions() as s:
        after = _ledger(s)
        assert stock_levels.ledger_mismatches(s) == []
    # rows that were fine are untouched; bad rows keep their note and deltas
    assert {i: r for i, r in after.items() if i not in bad} == {
        i: r for i, r in before.items() if i not in bad
    }
    for i in bad:
        assert after[i][2:] == before[i][2:]
    fixed = {before[i][2]: after[i][:2] for i in bad if after[i][0] == "order_item"}
    assert fixed == {"order A1 (listing mapped)": ("order_item", str(a1[0]))}
    marked = sorted(before[i][2] for i in bad if after[i][:2] == ("unknown", None))
    assert marked == [
        "order B1 (listing mapped)",  # two identical lines: cannot tell which
        "order B1 (listing mapped)",
        "order C1 (listing mapped)",  # its line has no variant any more
    ]
    # the give-back row of C1 and the batch row of K1 always had ids
    refs = {r[1] for r in after.values() if r[0] == "order_item"}
    assert refs == {str(a1[0]), str(c1[0]), str(k1[0])}
    assert not set(map(str, b1)) & refs


def test_a_clean_database_passes_through_0003_unchanged(ctx, workspace):
    vid = product(ctx, skus=("KAOS-01",)).variants[0].id
    inventory.receive(ctx, vid, locations.list_locations(ctx)[0].id, 5)
    with workspace.sessions() as s:
        before = _ledger(s)
    _downgrade_to_0002(workspace.engine)
    upgrade_to_head(workspace.engine)
    with workspace.sessions() as s:
        assert _ledger(s) == before
    with workspace.engine.connect() as c:
        assert c.execute(text("select version_num from alembic_version")).scalar() == head_revision(
            workspace.engine
        )
