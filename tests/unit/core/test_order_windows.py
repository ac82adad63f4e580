"""Order fetch never skips an order when the platform's list moves while we page it."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

from app.core.db.types import utcnow
from app.core.enums import JobKind
from app.core.platforms.base import OrderPage, OrderRef, OrderStatus
from app.core.services import stores as store_service
from app.core.sync.context import JobContext
from app.core.sync.jobs import JobRun
from app.core.sync.orders_job import fetch_orders
from tests.helpers.factories import order, product, store


class ShiftingAdapter:
    """Pages with offsets (as Shopee does) over orders sorted by update time. On the second
    request the earliest order is updated by its buyer: it leaves the window being read
    (its new update time is later than the job's end) and everything after it shifts."""

    max_order_window_seconds = 15 * 86400

    def __init__(self, orders):
        self.orders = {o.platform_order_id: o for o in orders}
        self.shifted: str | None = None
        self.calls = 0

    async def list_orders(self, updated_from, updated_to, cursor=None):
        start = int(cursor or 0)
        self.calls += 1
        if self.calls == 2:
            first = min(self.orders.values(), key=lambda o: o.updated_at)
            self.orders[first.platform_order_id] = replace(
                first, updated_at=utcnow() + timedelta(hours=1), status=OrderStatus.TO_SHIP
            )
            self.shifted = first.platform_order_id
        match = sorted(
            (o for o in self.orders.values() if updated_from <= o.updated_at < updated_to),
            key=lambda o: (o.updated_at, o.platform_order_id),
        )
        page = match[start : start + 100]
        more = start + 100 < len(match)
        return OrderPage(
            tuple(OrderRef(o.platform_order_id, o.platform_status) for o in page),
            str(start + 100) if more else None,
        )

    async def get_orders(self, ids):
        return [self.orders[i] for i in ids]


def test_a_list_that_moves_mid_page_loses_no_order(ctx, workspace):
    product(ctx, skus=("KAOS-01",))
    st = store(ctx)
    base = utcnow() - timedelta(hours=2)
    orders = [
        replace(
            order(f"O{i:03d}", OrderStatus.UNPAID, [("KAOS-01", 1)]),
            created_at=base,
            updated_at=base + timedelta(seconds=i * 10),
        )
        for i in range(250)
    ]
    adapter = ShiftingAdapter(orders)
    run = JobRun(workspace.sessions, lambda e: None, st.id, JobKind.ORDERS, "test")
    dto = store_service.get_store(ctx, st.id)
    jc = JobContext(dto, adapter, workspace.sessions, ctx, run, lambda e: None)
    asyncio.run(fetch_orders(jc))
    assert adapter.shifted
    from sqlalchemy import select

    from app.core.db.models import Order

    with workspace.sessions() as s:
        stored = set(s.scalars(select(Order.platform_order_id)))
    # the moved order is newer than this fetch and comes with the next; no other is missed
    assert {o.platform_order_id for o in orders} - {adapter.shifted} <= stored


class FlooringAdapter(ShiftingAdapter):
    """Like a real platform: takes whole seconds (floored) and refuses an empty range."""

    async def list_orders(self, updated_from, updated_to, cursor=None):
        a, b = int(updated_from.timestamp()), int(updated_to.timestamp())
        if not a < b:
            from app.core.platforms.base import BadRequestError

            raise BadRequestError("Start time must be earlier than end time")
        return await super().list_orders(updated_from, updated_to, cursor)


def test_a_burst_of_orders_in_a_few_seconds_is_split_on_whole_seconds(ctx, workspace):
    product(ctx, skus=("KAOS-01",))
    st = store(ctx)
    base = (utcnow() - timedelta(minutes=3)).replace(microsecond=0)
    orders = [
        replace(
            order(f"B{i:04d}", OrderStatus.UNPAID, [("KAOS-01", 1)]),
            created_at=base,
            updated_at=base + timedelta(seconds=i % 3),
        )
        for i in range(450)
    ]  # 150 orders in each of three seconds
    adapter = FlooringAdapter(orders)
    adapter.calls = 99  # no shifting here
    run = JobRun(workspace.sessions, lambda e: None, st.id, JobKind.ORDERS, "test")
    jc = JobContext(
        store_service.get_store(ctx, st.id), adapter, workspace.sessions, ctx, run, lambda e: None
    )
    asyncio.run(fetch_orders(jc))
    from sqlalchemy import func, select

    from app.core.db.models import Order

    with workspace.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 450


class InclusiveAdapter(FlooringAdapter):
    """Shopee's way: the range includes its end second, so halves share a second."""

    def __init__(self, orders):
        super().__init__(orders)
        self.detail_requests: list[str] = []

    async def list_orders(self, updated_from, updated_to, cursor=None):
        return await super().list_orders(updated_from, updated_to + timedelta(seconds=1), cursor)

    async def get_orders(self, ids):
        self.detail_requests += ids
        return await super().get_orders(ids)


def test_an_order_on_the_second_two_halves_share_is_fetched_once(ctx, workspace):
    product(ctx, skus=("KAOS-01",))
    st = store(ctx)
    base = (utcnow() - timedelta(minutes=3)).replace(microsecond=0)
    orders = [
        replace(
            order(f"C{i:04d}", OrderStatus.UNPAID, [("KAOS-01", 1)]),
            created_at=base,
            updated_at=base + timedelta(seconds=i % 4),
        )
        for i in range(480)
    ]
    adapter = InclusiveAdapter(orders)
    adapter.calls = 99
    run = JobRun(workspace.sessions, lambda e: None, st.id, JobKind.ORDERS, "test")
    jc = JobContext(
        store_service.get_store(ctx, st.id), adapter, workspace.sessions, ctx, run, lambda e: None
    )
    asyncio.run(fetch_orders(jc))
    from sqlalchemy import func, select

    from app.core.db.models import Order

    with workspace.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 480
    assert sorted(adapter.detail_requests) == sorted(o.platform_order_id for o in orders)
