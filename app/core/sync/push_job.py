"""Stock push: send the outbox's latest wanted values, batched, and record each result."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import select, update

from app.core.db.models import ChannelListing, StockPush
from app.core.db.types import utcnow
from app.core.domain import OutboxStatus, StockUpdate, UpdateResult
from app.core.platforms.base import PlatformError
from app.core.sync.context import JobContext, chunks
from app.core.sync.events import DataChanged

RETRY_BASE_SECONDS = 5.0
RETRY_MAX_SECONDS = 15 * 60.0


def retry_delay(attempts: int) -> timedelta:
    """Back-off for a failed listing: exponential with jitter, capped."""
    ceiling = min(RETRY_MAX_SECONDS, RETRY_BASE_SECONDS * 2 ** max(0, attempts - 1))
    return timedelta(seconds=random.uniform(ceiling / 2, ceiling))


def due_pushes(sessions, store_id: int, now: datetime | None = None) -> list[tuple]:
    """(outbox id, listing id, product id, variant id, wanted) rows due now."""
    now = now or utcnow()
    with sessions() as s:
        return list(
            s.execute(
                select(
                    StockPush.id,
                    StockPush.listing_id,
                    ChannelListing.platform_product_id,
                    ChannelListing.platform_variant_id,
                    StockPush.wanted_stock,
                    StockPush.attempts,
                )
                .join(ChannelListing, ChannelListing.id == StockPush.listing_id)
                .where(
                    StockPush.store_id == store_id,
                    StockPush.status.in_([OutboxStatus.PENDING, OutboxStatus.FAILED]),
                    StockPush.next_attempt_at <= now,
                )
                .order_by(ChannelListing.platform_product_id, StockPush.id)
            )
        )


def next_retry_at(sessions, store_id: int) -> datetime | None:
    """When the earliest failed push of the store may be tried again."""
    from sqlalchemy import func

    with sessions() as s:
        return s.scalar(
            select(func.min(StockPush.next_attempt_at)).where(
                StockPush.store_id == store_id,
                StockPush.status.in_([OutboxStatus.PENDING, OutboxStatus.FAILED]),
            )
        )


async def push_stock(jc: JobContext) -> None:
    """Send every due push of the store; whole-call failures are recorded then raised."""
    rows = due_pushes(jc.sessions, jc.store.id)
    jc.run.progress(total=len(rows))
    sent_ok = 0
    for batch in chunks(rows, jc.adapter.stock_batch_size):
        updates = [StockUpdate(ppid, pvid, wanted) for _o, _l, ppid, pvid, wanted, _a in batch]
        try:
            results = await jc.adapter.update_stock(updates)
        except PlatformError as exc:
            _record(jc, batch, [], error=str(exc))
            raise
        sent_ok += _record(jc, batch, results)
    if rows:
        jc.run.log(f"pushed stock of {sent_ok} listing(s); {len(rows) - sent_ok} failed")
        jc.emit(DataChanged("listings", tuple(r[1] for r in rows)))


def _record(jc: JobContext, batch, results: list[UpdateResult], error: str = "") -> int:
    by_key = {(r.platform_product_id, r.platform_variant_id): r for r in results}
    now = utcnow()
    ok_count = 0
    with jc.sessions.begin() as s:
        for outbox_id, listing_id, ppid, pvid, wanted, attempts in batch:
            res = by_key.get((ppid, pvid))
            if res is not None and res.ok:
                ok_count += 1
                s.execute(
                    update(ChannelListing)
                    .where(ChannelListing.id == listing_id)
                    .values(last_pushed_stock=wanted, last_pushed_at=now)
                )
                # only the value we sent is done; a newer wanted value stays pending
                s.execute(
                    update(StockPush)
                    .where(StockPush.id == outbox_id, StockPush.wanted_stock == wanted)
                    .values(status=OutboxStatus.DONE, last_error="", attempts=0)
                )
                continue
            reason = (res.error if res is not None else error) or "no result for this listing"
            s.execute(
                update(StockPush)
                .where(StockPush.id == outbox_id)
                .values(
                    status=OutboxStatus.FAILED,
                    attempts=attempts + 1,
                    next_attempt_at=now + retry_delay(attempts + 1),
                    last_error=reason[:500],
                )
            )
            jc.run.log(
                f"stock {wanted} for listing {ppid}/{pvid} refused: {reason}",
                "error",
                s,
                listing_id=listing_id,
            )
    jc.run.progress(add=ok_count, add_failed=len(batch) - ok_count)
    return ok_count
