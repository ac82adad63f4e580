"""Order fetch: incremental by update time, with an overlap, in the platform's windows.

Each page of orders commits in its own transaction; the cursor moves to the end of a
window only in the same transaction as the window's last page, so a crash at any moment
loses nothing (the window is fetched again) and duplicates nothing (upserts are idempotent).
Windows that need more than one page are split (see :class:`_WindowFetch`).

What to fetch, in which windows and pages, and pipelining the writes is decided here;
storing a page, the cursor and the fees is :mod:`app.core.services.order_sync`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from app.core.domain import OrderRef
from app.core.platforms.base import AuthError, PlatformError
from app.core.services.order_sync import cursor_start, orders_awaiting_fees, record_fees, store_page
from app.core.services.orders import UpsertStats
from app.core.sync.context import JobContext, chunks
from app.core.sync.events import DataChanged
from app.core.sync.returns_job import fetch_returns
from app.core.text import msg

DETAIL_BATCH = 50


async def fetch_orders(jc: JobContext, *, fees: bool = True) -> set[int]:
    """Fetch and store every order updated since the cursor; returns touched variant ids.

    ``fees=False``: orders only (product sync's fetch before judging drift)."""
    # platforms take whole seconds and floor them: end the window on the next whole second
    # so an order placed in the current second is inside it
    now = (datetime.now(UTC) + timedelta(seconds=1)).replace(microsecond=0)
    start = cursor_start(jc.ctx, jc.store.id, now).replace(microsecond=0)
    window = timedelta(seconds=jc.adapter.max_order_window_seconds)
    fetch = _WindowFetch(jc)
    w_from = start
    try:
        while w_from < now:
            w_to = min(w_from + window, now)
            await fetch.window(w_from, w_to, advance_cursor_to=w_to)
            w_from = w_to
        await fetch.drain()
    finally:
        await fetch.settle()
    if fetch.created or fetch.updated:
        jc.run.log(
            msg("{new} new and {updated} updated orders", new=fetch.created, updated=fetch.updated)
        )
    if fees:
        await fetch_final_fees(jc)
        await fetch_returns(jc)  # every few minutes (docs/ARCHITECTURE.md, "Fulfilment")
    if fetch.touched:
        jc.emit(DataChanged("stock", tuple(sorted(fetch.touched))))
    return fetch.touched


FEES_PER_RUN = 50


async def fetch_final_fees(jc: JobContext) -> int:
    """Read the real fees of completed orders (Shopee escrow, TikTok finance statements).

    Until then an order carries the store's fee estimate and profit says "estimated".
    At most ``FEES_PER_RUN`` orders per run, least recently tried first, so an order whose
    statement is late never holds the others up. Returns how many became final.
    """
    rows = orders_awaiting_fees(jc.ctx, jc.store.id, FEES_PER_RUN)
    final, tried = [], []
    for order_id, platform_id in rows:
        try:
            fees = await jc.adapter.order_fees(platform_id)
        except AuthError:
            raise
        except PlatformError as exc:
            jc.run.log(
                msg(
                    "fees of order {order} not read yet: {error}", order=platform_id, error=str(exc)
                ),
                "warning",
            )
            fees = None
        if fees is not None and fees.final:
            final.append((order_id, fees))
        else:
            tried.append(order_id)
    if not rows:
        return 0
    record_fees(jc.ctx, final, tried)
    if final:
        jc.run.log(msg("real marketplace fees read for {n} completed order(s)", n=len(final)))
        jc.emit(DataChanged("orders"))
    return len(final)


class _WindowFetch:
    """Reads one update-time window, splitting it until every part fits in one page.

    Order lists page with offsets over a set that moves while we read it: an order updated
    mid-way leaves the window and shifts the rest, so a page would skip one. A window that
    fits in one page has nothing to shift, so a window that needs a second page is split
    in half and read again (a one-second window that still overflows is paged: nothing
    finer can be asked for).

    Where a platform's range includes its end second (Shopee), the two halves share the
    second they meet on; an order listed again with the status (and update time, when the
    list gives one) it had when we fetched it in this run is not fetched twice. Should it
    have changed in a way the list does not show, the next run's overlap reads it again.
    """

    def __init__(self, jc: JobContext) -> None:
        self.jc = jc
        self.touched: set[int] = set()
        self.created = self.updated = 0
        self.placed: set[datetime] = set()  # placement times in the current top window
        self.fetched: dict[str, tuple[str, datetime | None]] = {}  # id -> as listed then
        self._writing: asyncio.Future | None = None

    async def window(
        self, w_from: datetime, w_to: datetime, advance_cursor_to: datetime | None = None
    ) -> None:
        page = await self.jc.adapter.list_orders(w_from, w_to, None)
        seconds = int((w_to - w_from).total_seconds())
        if page.next_cursor is not None and seconds >= 2:
            # whole seconds: platforms floor times, so a fractional split could empty a half
            mid = w_from + timedelta(seconds=seconds // 2)
            await self.window(w_from, mid)
            await self.window(mid, w_to, advance_cursor_to)
            return
        while True:
            last = page.next_cursor is None
            await self._store(self._not_fetched(page.orders), advance_cursor_to if last else None)
            if last:
                return
            page = await self.jc.adapter.list_orders(w_from, w_to, page.next_cursor)

    def _not_fetched(self, refs: Sequence[OrderRef]) -> list[OrderRef]:
        fresh = []
        for ref in refs:
            listed = (ref.platform_status, ref.updated_at)
            if self.fetched.get(ref.platform_order_id) != listed:
                self.fetched[ref.platform_order_id] = listed
                fresh.append(ref)
        return fresh

    async def _store(self, refs: list[OrderRef], advance_cursor_to: datetime | None) -> None:
        """Fetch a page's details, then hand it to the writer: the next page is read over
        HTTP while this one is written (one write at a time, in page order, so the cursor
        still moves only with the last page of its window). An order the list carried
        whole is not fetched again (one call per page instead of one per 50 orders)."""
        jc = self.jc
        jc.run.progress(total=jc.run.total + len(refs))
        ids = [r.platform_order_id for r in refs if r.order is None]
        batches = await _all([jc.adapter.get_orders(list(b)) for b in chunks(ids, DETAIL_BATCH)])
        orders = [r.order for r in refs if r.order is not None]
        orders += [o for batch in batches for o in batch]
        await self.drain()  # the window's earlier pages are written: their days are known
        window_placed: set[datetime] | None = None
        if advance_cursor_to is not None:
            window_placed, self.placed = self.placed, set()
        self._writing = asyncio.ensure_future(
            asyncio.to_thread(self._write, orders, window_placed, advance_cursor_to)
        )

    def _write(
        self, orders: list, window_placed: set[datetime] | None, advance_to: datetime | None
    ) -> tuple[UpsertStats, set[int], int, bool]:
        # in a worker thread: touches nothing of the loop's
        stats, touched = store_page(
            self.jc.ctx, self.jc.store.id, orders, window_placed, advance_to
        )
        return stats, touched, len(orders), advance_to is not None

    async def drain(self) -> None:
        """Wait for the page being written; its failure fails the job here."""
        if self._writing is None:
            return
        task, self._writing = self._writing, None
        stats, touched, count, window_done = await task
        if not window_done:  # a window's last page summarised its days itself
            self.placed |= stats.placed
        self.touched |= touched
        self.created += stats.created
        self.updated += stats.updated
        self.jc.run.progress(add=count)
        for reason in stats.rejected:  # out of range (services/bounds.py): the rest is stored
            self.jc.run.log(msg("order not stored: {reason}", reason=reason), "warning")
        if stats.created or stats.updated:
            self.jc.emit(DataChanged("orders"))

    async def settle(self) -> None:
        """On the way out (failure, cancellation): let a write still running finish, so
        nothing writes after the job ended. Its page commits whole or not at all."""
        if self._writing is not None:
            with contextlib.suppress(Exception):
                await asyncio.shield(self._writing)
            self._writing = None


async def _all(coroutines: list) -> list:
    """Run these calls together; on the first failure cancel the rest and raise it."""
    tasks = [asyncio.ensure_future(c) for c in coroutines]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
