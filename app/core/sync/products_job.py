"""Product sync: pull listings, import or match them, read platform stock, handle drift.

Drift (docs/ARCHITECTURE.md): the platform shows a number that differs from what we
pushed, less what orders took since, so no order explains it: someone changed stock in
the seller center. The store's policy says what wins: ``master_wins`` pushes our number
again; ``accept_platform`` books the difference as an adjustment of master stock, which
then reaches every other store. A listing never pushed is compared with master stock by
the same policy and kept as a first-sync review. The rules are
:mod:`app.core.services.drift`; storing a batch of listings is
:func:`app.core.services.product_sync.store_listings`. This job reads the platform and
reports.

Orders before judging. The listings are read first and the store's orders fetched
*after* the reading (an order fetch up to now, in this job), so every order the reading
can show is stored — and has taken its units off what we expect — before anything is
judged. Fetching before the reading would leave a gap (an order placed between the two
would look like drift); holding readings until the next order job would keep them in
memory across jobs for no gain. Orders placed in the seconds around the reading may or may
not be in it: the judgement takes them as a range (``drift.Unsettled``). If the order
fetch fails, the job fails and nothing is judged.
"""

from __future__ import annotations

from datetime import UTC, datetime

from app.core.services.channel_stock import realign_store
from app.core.services.product_sync import count_unmapped, store_listings
from app.core.sync.context import JobContext, chunks
from app.core.sync.events import Alert, DataChanged
from app.core.sync.orders_job import fetch_orders
from app.core.text import msg

BATCH = 200


async def sync_products(jc: JobContext) -> None:
    """Pull every listing of the store and bring the database in line."""
    read_at = datetime.now(UTC)
    listings = [cl async for cl in jc.adapter.iter_listings()]
    await fetch_orders(jc, fees=False)  # covers the reading: see the module docstring
    jc.run.progress(total=jc.run.total + len(listings))
    policy = jc.store.settings
    imported = drifts = 0
    for batch in chunks(listings, BATCH):
        result = store_listings(
            jc.ctx,
            jc.store.id,
            batch,
            import_unmatched=policy.import_unmatched,
            job=jc.run.job_log,
            read_at=read_at,
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
        msg(
            "{read} listings read; {imported} imported into the catalog; {unmapped} not "
            "mapped; {drifts} stock drift(s)",
            read=len(listings),
            imported=imported,
            unmapped=unmapped,
            drifts=drifts,
        )
    )
    jc.emit(DataChanged("listings"))
    if imported:
        jc.emit(DataChanged("products"))
