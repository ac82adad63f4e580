"""Stock push: send the outbox's latest wanted values, batched; the results are kept by
:func:`app.core.services.channel_stock.record_push_results`."""

from __future__ import annotations

from app.core.domain import StockUpdate
from app.core.platforms.base import PlatformError
from app.core.services.channel_stock import due_pushes, record_push_results
from app.core.sync.context import JobContext, chunks
from app.core.sync.events import DataChanged


async def push_stock(jc: JobContext) -> None:
    """Send every due push of the store; whole-call failures are recorded then raised."""
    rows = due_pushes(jc.ctx, jc.store.id)
    jc.run.progress(total=len(rows))
    sent_ok = 0
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
    if rows:
        jc.run.log(f"pushed stock of {sent_ok} listing(s); {len(rows) - sent_ok} failed")
        jc.emit(DataChanged("listings", tuple(r.listing_id for r in rows)))


def _record(jc: JobContext, batch, results, error: str = "") -> int:
    ok_count = record_push_results(jc.ctx, batch, results, jc.run.job_log, error)
    jc.run.progress(add=ok_count, add_failed=len(batch) - ok_count)
    return ok_count
