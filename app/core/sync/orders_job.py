"""Order fetch: incremental by update time, with an overlap, in the platform's windows.

Each page of orders commits in its own transaction; the cursor moves to the end of a
window only in the same transaction as the window's last page, so a crash at any moment
loses nothing (the window is fetched again) and duplicates nothing (upserts are idempotent).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from app.core.db.models import Store, SyncCursor
from app.core.db.types import utcnow
from app.core.enums import JobKind
from app.core.services.inventory import touched_variants
from app.core.services.orders import upsert_orders_in
from app.core.sync.context import JobContext, chunks
from app.core.sync.events import DataChanged

OVERLAP = timedelta(minutes=5)
INITIAL_LOOKBACK = timedelta(days=7)
DETAIL_BATCH = 50


def _cursor_start(jc: JobContext, now: datetime) -> datetime:
    with jc.sessions() as s:
        pos = s.scalar(
            select(SyncCursor.position).where(
                SyncCursor.store_id == jc.store.id, SyncCursor.kind == JobKind.ORDERS
            )
        )
    return now - INITIAL_LOOKBACK if pos is None else pos - OVERLAP


def _advance_cursor(session, store_id: int, position: datetime) -> None:
    cur = session.scalar(
        select(SyncCursor).where(SyncCursor.store_id == store_id, SyncCursor.kind == JobKind.ORDERS)
    )
    if cur is None:
        session.add(SyncCursor(store_id=store_id, kind=JobKind.ORDERS, position=position))
    elif cur.position is None or position > cur.position:
        cur.position = position


async def fetch_orders(jc: JobContext) -> set[int]:
    """Fetch and store every order updated since the cursor; returns touched variant ids."""
    # platforms take whole seconds and floor them: end the window on the next whole second
    # so an order placed in the current second is inside it
    now = (utcnow() + timedelta(seconds=1)).replace(microsecond=0)
    start = _cursor_start(jc, now)
    window = timedelta(seconds=jc.adapter.max_order_window_seconds)
    touched: set[int] = set()
    created = updated = 0
    w_from = start
    while w_from < now:
        w_to = min(w_from + window, now)
        page_token: str | None = None
        while True:
            page = await jc.adapter.list_orders(w_from, w_to, page_token)
            ids = [ref.platform_order_id for ref in page.orders]
            jc.run.progress(total=jc.run.total + len(ids))
            orders = []
            for batch in chunks(ids, DETAIL_BATCH):
                orders.extend(await jc.adapter.get_orders(list(batch)))
            last_page = page.next_cursor is None
            with jc.sessions.begin() as s:
                stats = upsert_orders_in(s, s.get(Store, jc.store.id), orders)
                touched |= touched_variants(s)
                if last_page:
                    _advance_cursor(s, jc.store.id, w_to)
            created, updated = created + stats.created, updated + stats.updated
            jc.run.progress(add=len(orders))
            if stats.created or stats.updated:
                jc.emit(DataChanged("orders"))
            if last_page:
                break
            page_token = page.next_cursor
        w_from = w_to
    if created or updated:
        jc.run.log(f"{created} new and {updated} updated orders")
    if touched:
        jc.emit(DataChanged("stock", tuple(sorted(touched))))
    return touched
