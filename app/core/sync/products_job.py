"""Product sync: pull listings, import or match them, read platform stock, handle drift.

Drift (DESIGN §2): the platform shows a number that differs from what we pushed, less
what orders took since (kept up to date as orders are stored), so no order explains it:
someone changed stock in the seller center. The store's policy says
what wins: ``master_wins`` pushes our number again; ``accept_platform`` books the
difference as an adjustment of master stock, which then reaches every other store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import func, select

from app.core import domain
from app.core.db.models import ChannelListing, Order, OrderItem, StockPush, Store, Variant
from app.core.domain import DriftPolicy, OutboxStatus, TxnType
from app.core.services.catalog import (
    ProductInput,
    VariantInput,
    add_variants_in,
    create_product_in,
    validate_sku,
)
from app.core.services.errors import ServiceError
from app.core.services.ledger import apply_change, touched_variants
from app.core.services.listings import SeenListing, auto_match_variant, upsert_listings_in
from app.core.services.locations import store_location_id
from app.core.services.order_items import OPEN_STATUSES
from app.core.settings import StoreSettings
from app.core.sync.context import JobContext, chunks
from app.core.sync.events import Alert, DataChanged
from app.core.sync.outbox import force_push

BATCH = 200


async def sync_products(jc: JobContext) -> None:
    """Pull every listing of the store and bring the database in line."""
    listings = [cl async for cl in jc.adapter.iter_listings()]
    jc.run.progress(total=len(listings))
    policy = jc.store.settings
    imported = drifts = 0
    for batch in chunks(listings, BATCH):
        with jc.sessions.begin() as s:
            store = s.get(Store, jc.store.id)
            location = store_location_id(s, store)
            if policy.import_unmatched:
                imported += _import_unmatched(s, jc, store, batch, location)
            seen = upsert_listings_in(s, store, batch)
            drifts += _handle_drift(s, jc, store, seen, location)
        jc.run.progress(add=len(batch))
    with jc.sessions.begin() as s:
        # align every mapped listing of this store with master stock (initial connect,
        # listings added on the platform, a policy change we missed)
        touched_variants(s).update(
            v
            for v in s.scalars(
                select(ChannelListing.variant_id).where(
                    ChannelListing.store_id == jc.store.id, ChannelListing.variant_id.is_not(None)
                )
            )
        )
    unmapped = _count_unmapped(jc)
    jc.run.log(
        f"{len(listings)} listings read; {imported} imported into the catalog; "
        f"{unmapped} not mapped; {drifts} stock drift(s)"
    )
    jc.emit(DataChanged("listings"))
    if imported:
        jc.emit(DataChanged("products"))


def _count_unmapped(jc: JobContext) -> int:
    with jc.sessions() as s:
        return (
            s.scalar(
                select(func.count()).where(
                    ChannelListing.store_id == jc.store.id, ChannelListing.variant_id.is_(None)
                )
            )
            or 0
        )


def _open_units(s, store_id: int, cl: domain.ChannelListing) -> int:
    """Units of this listing held by the store's open orders (the platform already took
    them off its stock figure)."""
    return int(
        s.scalar(
            select(func.coalesce(func.sum(OrderItem.quantity), 0))
            .join(Order, Order.id == OrderItem.order_id)
            .where(
                Order.store_id == store_id,
                Order.status.in_(OPEN_STATUSES),
                OrderItem.platform_product_id == cl.platform_product_id,
                OrderItem.platform_variant_id == cl.platform_variant_id,
            )
        )
        or 0
    )


def _import_unmatched(
    s, jc: JobContext, store: Store, batch: Sequence[domain.ChannelListing], location: int
) -> int:
    """Create master products for listings whose SKU the catalog does not know yet.

    Listings of one platform product become variants of one product. Their platform stock
    (plus units open orders already hold) becomes the opening stock, booked as an import.
    Listings with an unusable SKU stay unmapped for the seller to map by hand.
    """
    groups: dict[str, list[domain.ChannelListing]] = defaultdict(list)
    known_product: dict[str, int] = {}  # platform product -> our product, via a sibling
    for cl in batch:
        try:
            validate_sku(cl.platform_sku)
        except ServiceError:
            continue
        vid = auto_match_variant(s, store.workspace_id, cl.platform_sku)[0]
        if vid is None:
            groups[cl.platform_product_id].append(cl)
        else:
            known_product[cl.platform_product_id] = s.get(Variant, vid).product_id
    count = 0
    for ppid, items in groups.items():
        seen_keys: set[str] = set()
        unique = [
            cl
            for cl in items
            if not (cl.platform_sku.lower() in seen_keys or seen_keys.add(cl.platform_sku.lower()))
        ]
        new_variants = tuple(
            VariantInput(sku=cl.platform_sku, name=cl.variant_name, price=cl.price) for cl in unique
        )
        try:
            if ppid in known_product:
                # another store listed fewer variations of the same product: join it
                product = add_variants_in(s, jc.ctx, known_product[ppid], new_variants)
            else:
                product = create_product_in(
                    s,
                    jc.ctx,
                    ProductInput(
                        name=unique[0].title or unique[0].platform_sku, variants=new_variants
                    ),
                )
        except ServiceError as exc:
            jc.run.log(f"could not import {unique[0].title!r}: {exc}", "warning", s)
            continue
        by_sku = {v.sku.lower(): v.id for v in product.variants}
        for cl in unique:
            opening = max(0, cl.stock) + _open_units(s, store.id, cl)
            if opening:
                apply_change(
                    s,
                    variant_id=by_sku[cl.platform_sku.strip().lower()],
                    location_id=location,
                    txn_type=TxnType.IMPORT,
                    d_on_hand=opening,
                    actor="sync",
                    reference_type="sync",
                    note=f"opening stock from {store.name}",
                )
        count += len(unique)
    return count


def _handle_drift(
    s, jc: JobContext, store: Store, seen: Sequence[SeenListing], location: int
) -> int:
    policy = StoreSettings.from_json(store.settings).drift_policy
    pending = set(
        s.scalars(
            select(StockPush.listing_id).where(
                StockPush.store_id == store.id, StockPush.status != OutboxStatus.DONE
            )
        )
    )
    drifts = 0
    for sl in seen:
        if sl.variant_id is None or sl.listing_id in pending:
            continue  # unmapped, or our next push will set the value anyway
        listing = s.get(ChannelListing, sl.listing_id)
        # what we last pushed, less what orders took since (see orders._mirror_platform_stock)
        expected = sl.last_pushed_stock
        if expected is None or expected == sl.platform_stock:
            continue
        drifts += 1
        diff = sl.platform_stock - expected
        what = (
            f"{listing.platform_sku or listing.title}: {store.name} shows "
            f"{sl.platform_stock}, expected {expected} ({diff:+d}) — changed in the "
            "seller center"
        )
        if policy == DriftPolicy.ACCEPT_PLATFORM:
            apply_change(
                s,
                variant_id=sl.variant_id,
                location_id=location,
                txn_type=TxnType.ADJUSTMENT,
                d_on_hand=diff,
                actor="sync",
                reference_type="sync",
                reference_id=listing.id,
                note=f"drift accepted from {store.name}",
                allow_negative=True,
            )
            listing.last_pushed_stock = sl.platform_stock
            jc.run.log(
                f"drift {what}; accepted as a stock adjustment",
                "warning",
                s,
                listing_id=listing.id,
                diff=diff,
            )
        else:
            force_push(s, [listing.id])
            jc.run.log(
                f"drift {what}; master stock will be pushed back",
                "warning",
                s,
                listing_id=listing.id,
                diff=diff,
            )
        jc.emit(Alert("drift", f"Stock changed in {store.name}", what, store.id))
    return drifts
