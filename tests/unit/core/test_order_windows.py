"""Order fetch never skips an order when the platform's list moves while we page it."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

from app.core.db.types import utcnow
from app.core.domain import JobKind, OrderPage, OrderRef, OrderStatus
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
    run = JobRun(ctx, lambda e: None, st.id, JobKind.ORDERS, "test")
    dto = store_service.get_store(ctx, st.id)
    jc = JobContext(dto, adapter, ctx, run, lambda e: None)
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
    run = JobRun(ctx, lambda e: None, st.id, JobKind.ORDERS, "test")
    jc = JobContext(store_service.get_store(ctx, st.id), adapter, ctx, run, lambda e: None)
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
    run = JobRun(ctx, lambda e: None, st.id, JobKind.ORDERS, "test")
    jc = JobContext(store_service.get_store(ctx, st.id), adapter, ctx, run, lambda e: None)
    asyncio.run(fetch_orders(jc))
    from sqlalchemy import func, select

    from app.core.db.models import Order

    with workspace.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 480
    assert sorted(adapter.detail_requests) == sorted(o.platform_order_id for o in orders)


class FailingAdapter(FlooringAdapter):
    """Detail calls fail from the ``fail_at``-th on (a platform outage mid-fetch)."""

    def __init__(self, orders, fail_at):
        super().__init__(orders)
        self.calls = 99
        self.detail_calls = 0
        self.fail_at = fail_at

    async def get_orders(self, ids):
        self.detail_calls += 1
        if self.detail_calls >= self.fail_at:
            from app.core.platforms.base import ServerError

            raise ServerError("platform down")
        return await super().get_orders(ids)


def _burst(prefix, n, seconds, status=OrderStatus.UNPAID, qty=1):
    base = (utcnow() - timedelta(minutes=3)).replace(microsecond=0)
    return [
        replace(
            order(f"{prefix}{i:04d}", status, [("KAOS-01", qty)]),
            created_at=base,
            updated_at=base + timedelta(seconds=i % seconds),
        )
        for i in range(n)
    ]


def _run(ctx, workspace, adapter):
    st = store(ctx)
    run = JobRun(ctx, lambda e: None, st.id, JobKind.ORDERS, "test")
    jc = JobContext(store_service.get_store(ctx, st.id), adapter, ctx, run, lambda e: None)
    asyncio.run(fetch_orders(jc))


def _stored(workspace):
    from sqlalchemy import func, select

    from app.core.db.models import Order, SyncCursor

    with workspace.sessions() as s:
        return (
            s.scalar(select(func.count()).select_from(Order)),
            s.scalar(select(func.count()).select_from(SyncCursor)),
        )


def test_an_outage_mid_fetch_keeps_whole_pages_and_the_cursor_behind(ctx, workspace):
    import pytest

    from app.core.platforms.base import ServerError

    product(ctx, skus=("KAOS-01",))
    adapter = FailingAdapter(_burst("F", 600, 1), fail_at=5)  # one second, 6 pages of 100
    with pytest.raises(ServerError):
        _run(ctx, workspace, adapter)
    orders, cursors = _stored(workspace)
    # pages 1 and 2 (details 1-4) were fetched; page 2 was still being written when page 3
    # failed, and the job waited for it: whole pages only, and the window is read again
    assert orders == 200 and cursors == 0


def test_a_page_that_cannot_be_stored_fails_the_job_and_stops_the_writes(ctx, workspace):
    import pytest

    product(ctx, skus=("KAOS-01",))
    orders = _burst("V", 600, 1)
    # a value the database refuses (an order out of range is only left out: test_bounds.py)
    orders[250] = replace(orders[250], created_at=orders[250].created_at.replace(tzinfo=None))
    adapter = FailingAdapter(orders, fail_at=10**6)
    with pytest.raises(ValueError, match="naive datetime"):
        _run(ctx, workspace, adapter)
    stored, cursors = _stored(workspace)
    assert stored == 200 and cursors == 0  # the bad page and every page after it: nothing


def test_orders_stored_before_an_outage_are_in_the_summary_after_the_next_run(ctx, workspace):
    """Pages written before a failure have no summary yet; the next run reads them again,
    unchanged, and must still count them."""
    import pytest
    from sqlalchemy import func, select

    from app.core.db.models import SalesDaily
    from app.core.platforms.base import ServerError

    product(ctx, skus=("KAOS-01",))
    orders = _burst("S", 600, 1)
    # the first two pages were placed two days earlier: a day only they are in
    orders[:200] = [replace(o, created_at=o.created_at - timedelta(days=2)) for o in orders[:200]]
    st = store(ctx)
    dto = store_service.get_store(ctx, st.id)

    def run(adapter):
        job = JobRun(ctx, lambda e: None, st.id, JobKind.ORDERS, "test")
        jc = JobContext(dto, adapter, ctx, job, lambda e: None)
        asyncio.run(fetch_orders(jc))

    with pytest.raises(ServerError):
        run(FailingAdapter(orders, fail_at=5))
    with workspace.sessions() as s:
        assert s.scalar(select(func.count()).select_from(SalesDaily)) == 0
    run(FailingAdapter(orders, fail_at=10**6))
    with workspace.sessions() as s:
        per_day = s.scalars(select(SalesDaily.orders_placed).order_by(SalesDaily.day)).all()
    assert per_day == [200, 400]
