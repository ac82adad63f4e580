"""Stock push: send the outbox's latest wanted values, batched; the results are kept by
:func:`app.core.services.channel_stock.record_push_results`."""

from __future__ import annotations

from app.core.domain import StockUpdate
from app.core.platforms.base import PlatformError
from app.core.services.channel_stock import due_pushes, push_labels, record_push_results
from app.core.sync.context import JobContext, chunks
from app.core.sync.events import DataChanged
from app.core.text import msg

LOGGED_CHANGES = 20  # SKUs named in the line itself; the line's detail holds them all


async def push_stock(jc: JobContext) -> None:
    """Send every due push of the store; whole-call failures are recorded then raised."""
    rows = due_pushes(jc.ctx, jc.store.id)
    labels = push_labels(jc.ctx, [r.listing_id for r in rows])  # before the values change
    jc.run.progress(total=len(rows))
    sent_ok = 0
    landed: list[str] = []
    for batch in chunks(rows, jc.adapter.stock_batch_size):
        updates = [
            StockUpdate(r.platform_product_id, r.platform_variant_id, r.wanted) for r in batch
        ]
        try:
            results = await jc.adapter.update_stock(updates)
        except PlatformError as exc:
            _record(jc, batch, [], error=str(exc))
            raise
        sent_ok += _record(jc, batch, results)
        ok = {(x.platform_product_id, x.platform_variant_id) for x in results if x.ok}
        landed += [
            _change(labels, r)
            for r in batch
            if (r.platform_product_id, r.platform_variant_id) in ok
        ]
    if rows:
        # each SKU with old → new, so a seller can check a push against the store page
        shown = ", ".join(landed[:LOGGED_CHANGES])
        more = len(landed) - LOGGED_CHANGES
        jc.run.log(
            msg(
                "pushed stock of {n} listing(s){changes}; {failed} failed",
                n=sent_ok,
                changes=(f": {shown}" if shown else "") + (f" … +{more}" if more > 0 else ""),
                failed=len(rows) - sent_ok,
            ),
            changes=landed,
        )
        jc.emit(DataChanged("listings", tuple(r.listing_id for r in rows)))


def _change(labels: dict[int, tuple[str, int | None]], row) -> str:
    sku, old = labels.get(row.listing_id, (f"#{row.listing_id}", None))
    return f"{sku} {'?' if old is None else old} → {row.wanted}"


def _record(jc: JobContext, batch, results, error: str = "") -> int:
    ok_count = record_push_results(jc.ctx, batch, results, jc.run.job_log, error)
    jc.run.progress(add=ok_count, add_failed=len(batch) - ok_count)
    return ok_count
