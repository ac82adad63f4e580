"""Channel listings: upsert from product sync, auto-match by SKU, manual map and unmap."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import domain
from app.core.db.models import ChannelListing, Store, Variant
from app.core.db.types import utcnow
from app.core.domain import ListingMatch, ProductStatus
from app.core.services import audit
from app.core.services.catalog import loose_sku_key, normalize_sku, sku_key
from app.core.services.context import ServiceContext
from app.core.services.errors import NotFoundError, ValidationError
from app.core.services.ledger import touched_variants
from app.core.services.locations import store_location_id
from app.core.services.order_items import apply_listing_mapping, reverse_listing_mapping
from app.core.services.permissions import Permission, require
from app.core.text import msg


def auto_match_variant(
    session: Session, workspace_id: int, platform_sku: str
) -> tuple[int | None, ListingMatch]:
    """The variant a platform SKU belongs to: exact first, then case/space-insensitive."""
    sku = normalize_sku(platform_sku)
    if not sku:
        return None, ListingMatch.NONE
    exact = session.scalar(
        select(Variant.id).where(
            Variant.workspace_id == workspace_id,
            Variant.sku == sku,
            Variant.status == ProductStatus.ACTIVE,
        )
    )
    if exact is not None:
        return exact, ListingMatch.SKU_EXACT
    loose = session.scalar(
        select(Variant.id).where(
            Variant.workspace_id == workspace_id,
            Variant.sku_key == loose_sku_key(sku),
            Variant.status == ProductStatus.ACTIVE,
        )
    )
    if loose is not None:
        return loose, ListingMatch.SKU_NORMALIZED
    return None, ListingMatch.NONE


def listing_for_line(
    session: Session,
    store: Store,
    cache: dict[tuple[str, str], ChannelListing],
    item: domain.ChannelOrderItem,
) -> ChannelListing:
    """The store's listing for an order line, created (unmapped) if product sync has not
    seen it yet, so the mapping view can offer it."""
    key = (item.platform_product_id, item.platform_variant_id)
    listing = cache.get(key)
    if listing is None:
        listing = ChannelListing(
            store_id=store.id,
            platform_product_id=item.platform_product_id,
            platform_variant_id=item.platform_variant_id,
            platform_sku=item.platform_sku,
            title=item.name[:255],
            price=item.unit_price,
        )
        vid, how = auto_match_variant(session, store.workspace_id, item.platform_sku)
        listing.variant_id, listing.match = vid, how
        session.add(listing)
        session.flush()
        cache[key] = listing
    return listing


@dataclass(frozen=True)
class SeenListing:
    """What product sync learned about one listing, for drift detection."""

    listing_id: int
    variant_id: int | None
    previous_platform_stock: int | None
    platform_stock: int
    last_pushed_stock: int | None
    created: bool
    newly_mapped: bool


def upsert_listings_in(
    session: Session, store: Store, listings: Iterable[domain.ChannelListing]
) -> list[SeenListing]:
    """Insert or update a store's listings and auto-match the unmapped ones by SKU."""
    incoming = list(listings)
    existing = {
        (li.platform_product_id, li.platform_variant_id): li
        for li in session.scalars(select(ChannelListing).where(ChannelListing.store_id == store.id))
    }
    now = utcnow()
    seen: list[SeenListing] = []
    location_id: int | None = None
    for cl in incoming:
        row = existing.get((cl.platform_product_id, cl.platform_variant_id))
        created = row is None
        if row is None:
            row = ChannelListing(
                store_id=store.id,
                platform_product_id=cl.platform_product_id,
                platform_variant_id=cl.platform_variant_id,
            )
            session.add(row)
        previous = row.platform_stock
        row.platform_sku = cl.platform_sku[:80]
        row.title = cl.title[:255]
        row.variant_name = cl.variant_name[:255]
        row.price = cl.price
        row.platform_stock = cl.stock
        row.platform_stock_seen_at = now
        row.status = cl.status[:20]
        newly_mapped = False
        if row.variant_id is None:
            vid, how = auto_match_variant(session, store.workspace_id, cl.platform_sku)
            if vid is not None:
                row.variant_id, row.match = vid, how
                newly_mapped = True
                touched_variants(session).add(vid)
        session.flush()
        if newly_mapped and not created:
            if location_id is None:
                location_id = store_location_id(session, store)
            apply_listing_mapping(session, row, location_id, actor="sync")
        seen.append(
            SeenListing(
                row.id,
                row.variant_id,
                previous,
                cl.stock,
                row.last_pushed_stock,
                created,
                newly_mapped,
            )
        )
    return seen


def map_listing(ctx: ServiceContext, listing_id: int, variant_id: int) -> int:
    """Map a listing to a variant by hand; its open orders take effect. Returns effects."""
    require(ctx, Permission.EDIT_CATALOG)
    with ctx.write() as s:
        return map_listing_in(s, ctx, listing_id, variant_id)


def map_listing_in(s: Session, ctx: ServiceContext, listing_id: int, variant_id: int) -> int:
    """:func:`map_listing` inside the caller's unit of work."""
    listing, store = _listing(s, ctx, listing_id)
    variant = s.get(Variant, variant_id)
    if variant is None or variant.workspace_id != ctx.workspace_id:
        raise NotFoundError(msg("variant {variant} does not exist", variant=variant_id))
    if variant.status != ProductStatus.ACTIVE:
        raise ValidationError(msg("variant {sku} is archived", sku=variant.sku), field="variant")
    if listing.variant_id == variant_id:
        return 0
    effects = 0
    before = listing.variant_id
    if listing.variant_id is not None:
        effects += reverse_listing_mapping(s, listing, actor=ctx.actor)
    listing.variant_id, listing.match = variant_id, ListingMatch.MANUAL
    s.flush()
    effects += apply_listing_mapping(s, listing, store_location_id(s, store), actor=ctx.actor)
    touched_variants(s).add(variant_id)  # the listing now shows this variant's stock
    audit.record(
        s, ctx, "listing", listing_id, "map", {"variant_id": before}, {"variant_id": variant_id}
    )
    return effects


def unmap_listing(ctx: ServiceContext, listing_id: int) -> int:
    """Remove a listing's mapping; stock its open orders held is given back."""
    require(ctx, Permission.EDIT_CATALOG)
    with ctx.write() as s:
        return unmap_listing_in(s, ctx, listing_id)


def unmap_listing_in(s: Session, ctx: ServiceContext, listing_id: int) -> int:
    """:func:`unmap_listing` inside the caller's unit of work."""
    listing, _store = _listing(s, ctx, listing_id)
    if listing.variant_id is None:
        return 0
    before = listing.variant_id
    effects = reverse_listing_mapping(s, listing, actor=ctx.actor)
    listing.variant_id, listing.match = None, ListingMatch.NONE
    audit.record(
        s, ctx, "listing", listing_id, "unmap", {"variant_id": before}, {"variant_id": None}
    )
    return effects


def _listing(s: Session, ctx: ServiceContext, listing_id: int) -> tuple[ChannelListing, Store]:
    listing = s.get(ChannelListing, listing_id)
    if listing is None:
        raise NotFoundError(msg("listing {listing} does not exist", listing=listing_id))
    store = s.get(Store, listing.store_id)
    if store is None or store.workspace_id != ctx.workspace_id:
        raise NotFoundError(msg("listing {listing} does not exist", listing=listing_id))
    return listing, store


@dataclass(frozen=True)
class ListingRow:
    """A listing as the mapping view shows it."""

    id: int
    store_id: int
    store_name: str
    platform_product_id: str
    platform_variant_id: str
    platform_sku: str
    title: str
    variant_name: str
    price: Decimal
    platform_stock: int | None
    last_pushed_stock: int | None
    last_pushed_at: datetime | None
    variant_id: int | None
    match: ListingMatch


def list_listings(
    ctx: ServiceContext,
    *,
    store_id: int | None = None,
    unmapped_only: bool = False,
    variant_id: int | None = None,
    limit: int = 5000,
) -> list[ListingRow]:
    """Listings, optionally only unmapped ones or those of one variant."""
    stmt = (
        select(ChannelListing, Store.name)
        .join(Store, Store.id == ChannelListing.store_id)
        .where(Store.workspace_id == ctx.workspace_id)
    )
    if store_id is not None:
        stmt = stmt.where(ChannelListing.store_id == store_id)
    if unmapped_only:
        stmt = stmt.where(ChannelListing.variant_id.is_(None))
    if variant_id is not None:
        stmt = stmt.where(ChannelListing.variant_id == variant_id)
    stmt = stmt.order_by(Store.name, ChannelListing.title, ChannelListing.id).limit(limit)
    with ctx.read() as s:
        return [
            ListingRow(
                li.id,
                li.store_id,
                name,
                li.platform_product_id,
                li.platform_variant_id,
                li.platform_sku,
                li.title,
                li.variant_name,
                li.price,
                li.platform_stock,
                li.last_pushed_stock,
                li.last_pushed_at,
                li.variant_id,
                li.match,
            )
            for li, name in s.execute(stmt)
        ]


def suggest_variants(
    ctx: ServiceContext, listing_id: int, limit: int = 5
) -> list[tuple[int, str, str]]:
    """Likely variants for an unmapped listing: (variant id, sku, product name).

    SKU prefix first, then full-text search on the listing's title words.
    """
    from app.core.services.catalog import fts_query

    with ctx.read() as s:
        listing, _ = _listing(s, ctx, listing_id)
        out: dict[int, tuple[int, str, str]] = {}
        from app.core.db.models import Product

        key = loose_sku_key(listing.platform_sku)
        if key:
            for vid, sku, pname in s.execute(
                select(Variant.id, Variant.sku, Product.name)
                .join(Product, Product.id == Variant.product_id)
                .where(
                    Variant.workspace_id == ctx.workspace_id,
                    Variant.status == ProductStatus.ACTIVE,
                    func.substr(Variant.sku_key, 1, max(3, len(key) - 2))
                    == key[: max(3, len(key) - 2)],
                )
                .limit(limit)
            ):
                out[vid] = (vid, sku, pname)
        words = " ".join(listing.title.split()[:4])
        q = fts_query(words, any_word=True)  # ranked: titles sharing more words come first
        if q and len(out) < limit:
            from sqlalchemy import text

            from app.core.db.dialects.search import match_sql

            m = match_sql(s.get_bind().dialect.name, q)
            rows = s.execute(
                text(
                    f"SELECT v.id, v.sku, p.name FROM {m.source} "
                    f"JOIN variants v ON v.id = {m.id_col} JOIN products p ON p.id = v.product_id "
                    f"WHERE {m.where} "
                    f"AND v.status = 'active' ORDER BY {m.rank}, v.id LIMIT :n"
                ),
                {**m.params, "n": limit},
            )
            for vid, sku, pname in rows:
                out.setdefault(vid, (vid, sku, pname))
        return list(out.values())[:limit]


def variant_ids_for_listings(session: Session, listing_ids: Sequence[int]) -> set[int]:
    """Variants behind some listings."""
    if not listing_ids:
        return set()
    return {
        v
        for v in session.scalars(
            select(ChannelListing.variant_id).where(
                ChannelListing.id.in_(list(listing_ids)), ChannelListing.variant_id.is_not(None)
            )
        )
        if v is not None  # the query excludes NULL; this tells the type checker
    }


__all__ = ["sku_key"]
