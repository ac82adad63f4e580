"""What product sync stores: a store's listings, the catalog products imported from them,
and the drift readings their platform stock gives.

The engine's product job (:mod:`app.core.sync.products_job`) reads the listings from the
platform and hands them over a batch at a time; each batch is one unit of work here.
Drift is judged by :mod:`app.core.services.channel_stock`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import domain
from app.core.db.models import ChannelListing, Store, Variant
from app.core.domain import TxnType
from app.core.services.catalog import (
    ProductInput,
    VariantInput,
    add_variants_in,
    create_product_in,
    validate_sku,
)
from app.core.services.context import ServiceContext
from app.core.services.drift import (
    READING_MARGIN,
    DriftFound,
    apply_drift_readings,
    open_units,
    opening_stock,
)
from app.core.services.errors import ServiceError
from app.core.services.ledger import apply_change
from app.core.services.listings import auto_match_variant, upsert_listings_in
from app.core.services.locations import store_location_id
from app.core.services.sync_jobs import JobLog


@dataclass(frozen=True)
class ListingBatchResult:
    """What storing one batch of listings did."""

    imported: int  # listings that became new catalog variants
    drifts: list[DriftFound]  # platform figures changed in the seller center


def store_listings(
    ctx: ServiceContext,
    store_id: int,
    batch: Sequence[domain.ChannelListing],
    *,
    import_unmatched: bool,
    job: JobLog,
    read_at: datetime | None = None,
) -> ListingBatchResult:
    """Store one batch of a store's listings in one unit of work: import the unknown SKUs
    (when the store's policy says so), upsert and auto-match the listings, and judge every
    figure they show against orders and master stock (:mod:`app.core.services.drift`).

    ``read_at``: when the reading started; the store's orders must have been fetched past
    the reading (the product job does that) so that they explain what they took.
    """
    with ctx.write() as s:
        store = s.get_one(Store, store_id)
        location = store_location_id(s, store)
        imported: set[tuple[str, str]] = set()
        if import_unmatched:
            imported = import_unmatched_in(s, ctx, store, batch, location, job, read_at)
        seen = upsert_listings_in(s, store, batch)
        keys = [(cl.platform_product_id, cl.platform_variant_id) for cl in batch]
        drifts = apply_drift_readings(
            s,
            store,
            seen,
            location,
            job,
            read_at=read_at,
            imported=frozenset(
                sl.listing_id for k, sl in zip(keys, seen, strict=True) if k in imported
            ),
        )
    return ListingBatchResult(len(imported), drifts)


def count_unmapped(ctx: ServiceContext, store_id: int) -> int:
    """Listings of a store not mapped to any variant."""
    with ctx.read() as s:
        return (
            s.scalar(
                select(func.count()).where(
                    ChannelListing.store_id == store_id, ChannelListing.variant_id.is_(None)
                )
            )
            or 0
        )


def import_unmatched_in(
    s: Session,
    ctx: ServiceContext,
    store: Store,
    batch: Sequence[domain.ChannelListing],
    location: int,
    job: JobLog,
    read_at: datetime | None = None,
) -> set[tuple[str, str]]:
    """Create master products for listings whose SKU the catalog does not know yet;
    returns the (platform product, platform variant) of each listing imported.

    Listings of one platform product become variants of one product. Their platform stock
    (plus units open orders already hold) becomes the opening stock, booked as an import.
    Only orders placed clearly before the reading (``read_at``) are added back: one placed
    around it may not be in the figure, and counting it would invent a unit (too few is
    the safe side: nothing is oversold). Listings with an unusable SKU stay unmapped for
    the seller to map by hand.
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
            known_product[cl.platform_product_id] = s.get_one(Variant, vid).product_id
    imported: set[tuple[str, str]] = set()
    placed_before = read_at - READING_MARGIN if read_at is not None else None
    for ppid, items in groups.items():
        by_key: dict[str, domain.ChannelListing] = {}
        for cl in items:  # the first listing of each SKU, in order
            by_key.setdefault(cl.platform_sku.lower(), cl)
        unique = list(by_key.values())
        new_variants = tuple(
            VariantInput(sku=cl.platform_sku, name=cl.variant_name, price=cl.price) for cl in unique
        )
        try:
            if ppid in known_product:
                # another store listed fewer variations of the same product: join it
                product = add_variants_in(s, ctx, known_product[ppid], new_variants)
            else:
                product = create_product_in(
                    s,
                    ctx,
                    ProductInput(
                        name=unique[0].title or unique[0].platform_sku, variants=new_variants
                    ),
                )
        except ServiceError as exc:
            job.write(s, f"could not import {unique[0].title!r}: {exc}", "warning")
            continue
        by_sku = {v.sku.lower(): v.id for v in product.variants}
        for cl in unique:
            held = open_units(
                s, store.id, cl.platform_product_id, cl.platform_variant_id, placed_before
            )
            opening = opening_stock(cl.stock, held)
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
        imported.update((cl.platform_product_id, cl.platform_variant_id) for cl in items)
    return imported
