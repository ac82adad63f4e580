"""Bulk listing mapping (app.core.services.mapping): one unit of work, all or none."""

from __future__ import annotations

import pytest

from app.core.db.models import Store
from app.core.domain import OrderStatus
from app.core.services import inventory, listings, locations, mapping, stock_levels
from app.core.services.errors import NotFoundError
from app.core.services.orders import upsert_orders_in
from tests.helpers.factories import order, product, store


@pytest.fixture
def unmapped(ctx, workspace):
    """Two unmapped listings, each with an open order line of 2; the variant has 10."""
    v = product(ctx, skus=("KAOS-01",)).variants[0]
    loc = locations.list_locations(ctx)[0].id
    inventory.receive(ctx, v.id, loc, 10)
    st = store(ctx)
    with workspace.sessions.begin() as s:
        upsert_orders_in(
            s,
            s.get(Store, st.id),
            [
                order("B1", OrderStatus.TO_SHIP, [("kaos 01 x", 2)]),
                order("B2", OrderStatus.TO_SHIP, [("kaos satu", 2)], minutes=1),
            ],
        )
    rows = listings.list_listings(ctx, unmapped_only=True)
    assert len(rows) == 2
    return v.id, loc, [r.id for r in rows]


def reserved(ctx, vid, loc):
    (lv,) = stock_levels.stock_levels(ctx, vid, loc)
    return lv.reserved


def test_map_and_unmap_several_listings(ctx, unmapped):
    vid, loc, ids = unmapped
    assert mapping.map_listings(ctx, [(i, vid) for i in ids]) == 2
    assert reserved(ctx, vid, loc) == 4
    assert listings.list_listings(ctx, unmapped_only=True) == []
    assert mapping.unmap_listings(ctx, ids) == 2
    assert reserved(ctx, vid, loc) == 0
    assert len(listings.list_listings(ctx, unmapped_only=True)) == 2


def test_a_failing_pair_maps_nothing(ctx, unmapped):
    vid, loc, ids = unmapped
    with pytest.raises(NotFoundError):
        mapping.map_listings(ctx, [(ids[0], vid), (ids[1], 999_999)])
    assert len(listings.list_listings(ctx, unmapped_only=True)) == 2
    assert reserved(ctx, vid, loc) == 0
