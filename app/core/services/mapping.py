"""Mapping several channel listings at once: one unit of work for the whole selection.

The single-listing rules (what a mapping does to the listing's open orders, the audit
entry) live in :mod:`app.core.services.listings`; this module only groups them so a
bulk map or unmap from the GUI commits all of its listings or none.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.core.services import listings
from app.core.services.context import ServiceContext
from app.core.services.permissions import Permission, require


def map_listings(ctx: ServiceContext, pairs: Iterable[tuple[int, int]]) -> int:
    """Map each ``(listing id, variant id)`` pair, all or none; returns the order effects."""
    require(ctx, Permission.EDIT_CATALOG)
    effects = 0
    with ctx.write() as s:
        for listing_id, variant_id in pairs:
            effects += listings.map_listing_in(s, ctx, listing_id, variant_id)
    return effects


def unmap_listings(ctx: ServiceContext, listing_ids: Iterable[int]) -> int:
    """Remove the mapping of each listing, all or none; returns the order effects."""
    require(ctx, Permission.EDIT_CATALOG)
    effects = 0
    with ctx.write() as s:
        for listing_id in listing_ids:
            effects += listings.unmap_listing_in(s, ctx, listing_id)
    return effects
