"""Product sync: pull listings, import or match them, read platform stock, handle drift.

Drift (docs/ARCHITECTURE.md): the platform shows a number that differs from what we
pushed, less what orders took since (kept up to date as orders are stored), so no order
explains it: someone changed stock in the seller center. The store's policy says what
wins: ``master_wins`` pushes our number again; ``accept_platform`` books the difference as
an adjustment of master stock, which then reaches every other store. The rule is
:func:`app.core.services.channel_stock.judge_drift`; storing a batch of listings is
:func:`app.core.services.product_sync.store_listings`. This job reads the platform and
reports.
"""

from __future__ import annotations

from app.core.services.channel_stock import realign_store
from app.core.services.product_sync import count_unmapped, store_listings
from app.core.sync.context import JobContext, chunks
from app.core.sync.events import Alert, DataChanged

BATCH = 200


async def sync_products(jc: JobContext) -> None:
    """Pull every listing of the store and bring the database in line."""
    listings = [cl async for cl in jc.adapter.iter_listings()]
    jc.run.progress(total=len(listings))
    policy = jc.store.settings
    imported = drifts = 0
    for batch in chunks(listings, BATCH):
        result = store_listings(
            jc.ctx,
            jc.store.id,
            batch,
            import_unmatched=policy.import_unmatched,
            job=jc.run.job_log,
        )
        imported += result.imported
        drifts += len(result.drifts)
        for drift in result.drifts:
            jc.emit(
                Alert("drift", f"Stock changed in {jc.store.name}", drift.description, jc.store.id)
            )
        jc.run.progress(add=len(batch))
    # align every mapped listing of this store with master stock (initial connect,
    # listings added on the platform, a policy change we missed)
    realign_store(jc.ctx, jc.store.id)
    unmapped = count_unmapped(jc.ctx, jc.store.id)
    jc.run.log(
        f"{len(listings)} listings read; {imported} imported into the catalog; "
        f"{unmapped} not mapped; {drifts} stock drift(s)"
    )
    jc.emit(DataChanged("listings"))
    if imported:
        jc.emit(DataChanged("products"))
