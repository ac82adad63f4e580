"""Price push: send the prices the seller confirmed, in the platform's batch sizes; the
results are kept by :func:`app.core.services.price_outbox.record_price_results`
(docs/ARCHITECTURE.md, "Prices").

It runs inside the store's push job, after the stock: one job row, the store's token
refresh and rate limit, nothing sent for a store that did not answer.
"""

from __future__ import annotations

from app.core.domain import PriceUpdate
from app.core.platforms.base import PlatformError
from app.core.services.price_outbox import DuePrice, due_price_pushes, record_price_results
from app.core.sync.context import JobContext, chunks
from app.core.sync.events import DataChanged
from app.core.sync.push_job import LOGGED_CHANGES, push_stock
from app.core.text import msg


async def push_stock_and_prices(jc: JobContext) -> None:
    """The store's push job: stock first (it sells out), then prices."""
    await push_stock(jc)
    await push_prices(jc)


async def push_prices(jc: JobContext) -> None:
    """Send every due price of the store; a whole-call failure is recorded, then raised."""
    rows = due_price_pushes(jc.ctx, jc.store.id)
    if not rows:
        return
    jc.run.progress(total=jc.run.total + len(rows))
    landed: list[str] = []
    for batch in chunks(rows, jc.adapter.stock_batch_size):
        updates = [
            PriceUpdate(r.platform_product_id, r.platform_variant_id, r.wanted) for r in batch
        ]
        try:
            results = await jc.adapter.update_prices(updates)
        except PlatformError as exc:
            _record(jc, batch, [], str(exc))
            raise
        _record(jc, batch, results)
        ok = {(x.platform_product_id, x.platform_variant_id) for x in results if x.ok}
        landed += [
            f"{r.sku} {r.old} → {r.wanted}"
            for r in batch
            if (r.platform_product_id, r.platform_variant_id) in ok
        ]
    shown = ", ".join(landed[:LOGGED_CHANGES])
    more = len(landed) - LOGGED_CHANGES
    jc.run.log(
        msg(
            "pushed prices of {n} listing(s){changes}; {failed} refused or failed",
            n=len(landed),
            changes=(f": {shown}" if shown else "") + (f" … +{more}" if more > 0 else ""),
            failed=len(rows) - len(landed),
        ),
        changes=landed,
    )
    jc.emit(DataChanged("listings", tuple(r.listing_id for r in rows)))


def _record(jc: JobContext, batch: list[DuePrice], results, error: str = "") -> int:
    ok_count = record_price_results(jc.ctx, batch, results, jc.run.job_log, error)
    jc.run.progress(add=ok_count, add_failed=len(batch) - ok_count)
    return ok_count
