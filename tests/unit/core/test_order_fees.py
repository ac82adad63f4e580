"""No estimated marketplace fee on a cancelled order (issue 15 item 4): a cancelled order
shows 0, whether it arrived cancelled or was cancelled later; a final fee is kept."""

from __future__ import annotations

from decimal import Decimal

from app.core.db.models import Order, Store
from app.core.domain import OrderStatus
from app.core.services import orders
from app.core.services.orders import upsert_orders_in
from tests.helpers.factories import order, product, store


def ingest(workspace, store_id, *orders_):
    with workspace.sessions.begin() as s:
        return upsert_orders_in(s, s.get(Store, store_id), list(orders_))


def fees(ctx, store_id, number):
    return orders.get_order(ctx, orders.find_order_id(ctx, store_id, number)).fees


def test_cancelled_orders_carry_no_estimated_fee(ctx, workspace):
    product(ctx, skus=("KAOS-01",))
    sid = store(ctx).id
    ingest(workspace, sid, order("A1", OrderStatus.TO_SHIP, [("KAOS-01", 1)], price=63000))
    assert fees(ctx, sid, "A1") == Decimal("5040.00")  # 8 % estimate on a live order
    ingest(workspace, sid, order("A1", OrderStatus.CANCELLED, [("KAOS-01", 1)], minutes=3))
    assert fees(ctx, sid, "A1") == 0
    ingest(workspace, sid, order("B1", OrderStatus.CANCELLED, [("KAOS-01", 2)]))
    assert fees(ctx, sid, "B1") == 0


def test_a_final_fee_stays_when_the_order_is_cancelled_later(ctx, workspace):
    product(ctx, skus=("KAOS-01",))
    sid = store(ctx).id
    ingest(workspace, sid, order("C1", OrderStatus.COMPLETED, [("KAOS-01", 1)]))
    with workspace.sessions.begin() as s:
        o = s.get(Order, orders.find_order_id(ctx, sid, "C1"))
        o.fees, o.fees_final = Decimal("1200.00"), True  # what the finance data said
    ingest(workspace, sid, order("C1", OrderStatus.CANCELLED, [("KAOS-01", 1)], minutes=3))
    assert fees(ctx, sid, "C1") == Decimal("1200.00")
