"""The price outbox: what a store's push job sends, and how each answer is kept
(docs/ARCHITECTURE.md, "Prices"). Rows are written only by the seller's confirmation
(:func:`app.core.services.prices.confirm`).

Why refusals are held rather than retried: a platform refuses a price for reasons that
do not pass by themselves in minutes (a running promotion locks it, it is under the
platform's minimum); retrying on a timer would only repeat the refusal. So a refusal is
kept per listing with the platform's reason until the seller retries or dismisses it.
A call that got no answer is retried with the stock outbox's back-off, at most
:data:`MAX_ATTEMPTS` times, then held too — nothing is retried forever.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import func, select, update

from app.core.db.models import ChannelListing, PricePush, Variant
from app.core.db.types import utcnow
from app.core.domain import PricePushStatus, UpdateResult
from app.core.services.channel_stock import retry_delay
from app.core.services.context import ServiceContext
from app.core.services.sync_jobs import JobLog

#: calls without an answer before a price is held for the seller
MAX_ATTEMPTS = 5

_DUE = (PricePushStatus.PENDING, PricePushStatus.FAILED)


class DuePrice(NamedTuple):
    """One outbox row ready to send."""

    outbox_id: int
    listing_id: int
    platform_product_id: str
    platform_variant_id: str
    wanted: Decimal
    old: Decimal
    attempts: int
    sku: str


def due_price_pushes(
    ctx: ServiceContext, store_id: int, now: datetime | None = None
) -> list[DuePrice]:
    """The store's confirmed prices due now, by platform product (one call per product)."""
    now = now or utcnow()
    with ctx.read() as s:
        return [
            DuePrice(oid, lid, ppid, pvid, wanted, old, att, sku or psku or f"#{lid}")
            for oid, lid, ppid, pvid, wanted, old, att, sku, psku in s.execute(
                select(
                    PricePush.id,
                    PricePush.listing_id,
                    ChannelListing.platform_product_id,
                    ChannelListing.platform_variant_id,
                    PricePush.wanted_price,
                    PricePush.old_price,
                    PricePush.attempts,
                    Variant.sku,
                    ChannelListing.platform_sku,
                )
                .join(ChannelListing, ChannelListing.id == PricePush.listing_id)
                .outerjoin(Variant, Variant.id == ChannelListing.variant_id)
                .where(
                    PricePush.store_id == store_id,
                    PricePush.status.in_(_DUE),
                    PricePush.next_attempt_at <= now,
                )
                .order_by(ChannelListing.platform_product_id, PricePush.id)
            )
        ]


def next_price_retry_at(ctx: ServiceContext, store_id: int) -> datetime | None:
    """When the earliest waiting price of the store may be sent."""
    with ctx.read() as s:
        return s.scalar(
            select(func.min(PricePush.next_attempt_at)).where(
                PricePush.store_id == store_id, PricePush.status.in_(_DUE)
            )
        )


def record_price_results(
    ctx: ServiceContext,
    batch: Sequence[DuePrice],
    results: Sequence[UpdateResult],
    job: JobLog,
    error: str = "",
) -> int:
    """Keep what the platform answered for one sent batch; returns how many landed.

    A landed price becomes the listing's price (the review then shows no change) and
    closes the row, if it still wants that price. A refused price is held with the
    platform's reason; a batch without an answer (``error``) is retried with back-off
    until :data:`MAX_ATTEMPTS`, then held."""
    by_key = {(r.platform_product_id, r.platform_variant_id): r for r in results}
    now = utcnow()
    landed = 0
    with ctx.write() as s:
        for row in batch:
            res = by_key.get((row.platform_product_id, row.platform_variant_id))
            if res is not None and res.ok:
                landed += 1
                s.execute(
                    update(ChannelListing)
                    .where(ChannelListing.id == row.listing_id)
                    .values(price=row.wanted)
                )
                s.execute(
                    update(PricePush)
                    .where(PricePush.id == row.outbox_id, PricePush.wanted_price == row.wanted)
                    .values(status=PricePushStatus.DONE, last_error="", attempts=row.attempts + 1)
                )
                continue
            attempts = row.attempts + 1
            if res is not None:  # the platform said no: the seller decides
                status, reason, when = PricePushStatus.HELD, res.error or "refused", None
            elif attempts >= MAX_ATTEMPTS:
                status, when = PricePushStatus.HELD, None
                reason = f"no answer after {attempts} tries: {error or 'no result'}"
            else:
                status, reason = PricePushStatus.FAILED, error or "no result for this listing"
                when = now + retry_delay(attempts)
            values = {"status": status, "attempts": attempts, "last_error": reason[:500]}
            if when is not None:
                values["next_attempt_at"] = when
            s.execute(
                update(PricePush)
                .where(PricePush.id == row.outbox_id, PricePush.wanted_price == row.wanted)
                .values(**values)
            )
            job.write(
                s,
                f"price {row.wanted} for {row.sku} ({row.platform_product_id}/"
                f"{row.platform_variant_id}) refused: {reason}"
                + (" — held: retry or dismiss it in the price review" if when is None else ""),
                "error",
                listing_id=row.listing_id,
            )
    return landed


def price_queue(ctx: ServiceContext) -> dict[int, tuple[int, int]]:
    """Per store: (prices waiting to be sent, prices held for the seller)."""
    out: dict[int, tuple[int, int]] = {}
    with ctx.read() as s:
        rows = s.execute(
            select(PricePush.store_id, PricePush.status, func.count())
            .where(PricePush.status != PricePushStatus.DONE)
            .group_by(PricePush.store_id, PricePush.status)
        ).all()
    for store_id, status, count in rows:
        waiting, held = out.get(store_id, (0, 0))
        if status == PricePushStatus.HELD:
            held += count
        else:
            waiting += count
        out[store_id] = (waiting, held)
    return out
