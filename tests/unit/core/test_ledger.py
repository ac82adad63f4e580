"""The ledger writer: typed references only, and every order_item reference an id."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.db.models import InventoryTransaction, OrderItem, Store
from app.core.domain import OrderStatus, TxnType
from app.core.services import inventory, listings, locations, stock_levels
from app.core.services.ledger import LedgerBatch, RefType, apply_change, reference
from app.core.services.orders import upsert_orders_in
from tests.helpers.factories import order, product, store


class _Obj:
    id = 7


@pytest.mark.parametrize(
    ("ref_type", "ref_id", "error"),
    [
        (RefType.ORDER_ITEM, _Obj(), TypeError),  # the old bug: an object, stored as its repr
        (RefType.SYNC, _Obj(), TypeError),
        (RefType.ORDER_ITEM, "7", TypeError),  # an order item is referenced by its int id
        (RefType.ORDER_ITEM, None, ValueError),
        (RefType.MANUAL, True, TypeError),
        (RefType.IMPORT, "x" * 41, ValueError),  # the column holds 40 characters
        ("unknown", None, ValueError),  # only migration 0003 writes it
        ("orm", 1, ValueError),
    ],
)
def test_references_other_than_a_type_and_an_id_are_refused(ref_type, ref_id, error):
    with pytest.raises(error):
        reference(ref_type, ref_id)


def test_references_are_stored_as_text_ids():
    assert reference(RefType.ORDER_ITEM, 12) == ("order_item", "12")
    assert reference("transfer", "3:1->2") == ("transfer", "3:1->2")
    assert reference(RefType.MANUAL, None) == ("manual", None)


def test_a_refused_reference_changes_nothing(ctx, workspace):
    vid = product(ctx, skus=("KAOS-01",)).variants[0].id
    loc = locations.list_locations(ctx)[0].id
    with workspace.sessions.begin() as s:
        with pytest.raises(TypeError):
            apply_change(
                s,
                variant_id=vid,
                location_id=loc,
                txn_type=TxnType.SALE,
                d_on_hand=-1,
                actor="t",
                reference_type=RefType.ORDER_ITEM,
                reference_id=_Obj(),  # type: ignore[arg-type]
                allow_negative=True,
            )
        with pytest.raises(TypeError):
            LedgerBatch().add(
                variant_id=vid,
                location_id=loc,
                txn_type=TxnType.SALE,
                d_on_hand=-1,
                actor="t",
                reference_type=RefType.ORDER_ITEM,
                reference_id=_Obj(),  # type: ignore[arg-type]
            )
    assert stock_levels.movements(ctx, vid) == []


def test_mapping_a_listing_references_its_order_items_by_id(ctx, workspace):
    """Mapping a listing moves its orders' items through the single-row path, which once
    stored ``str(item)``: every order_item reference must be an existing item id."""
    vid = product(ctx, skus=("KAOS-01",)).variants[0].id
    loc = locations.list_locations(ctx)[0].id
    inventory.receive(ctx, vid, loc, 10)
    sid = store(ctx).id
    with workspace.sessions.begin() as s:
        upsert_orders_in(
            s,
            s.get(Store, sid),
            [
                order("M1", OrderStatus.TO_SHIP, [("ZZ-1", 2)]),
                order("M2", OrderStatus.SHIPPED, [("ZZ-1", 1)]),
            ],
        )
    (listing,) = listings.list_listings(ctx, unmapped_only=True)
    assert listings.map_listing(ctx, listing.id, vid) == 2
    with workspace.sessions() as s:
        refs = s.scalars(
            select(InventoryTransaction.reference_id).where(
                InventoryTransaction.reference_type == RefType.ORDER_ITEM
            )
        ).all()
        item_ids = set(s.scalars(select(OrderItem.id)))
    assert len(refs) == 2
    assert {int(r) for r in refs} == item_ids
