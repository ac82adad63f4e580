"""The last-units rule: at or below a threshold a variant shared by several stores is
offered on one store only (the seller's pick, else the store already offering it alone,
else the fastest seller) and 0 elsewhere."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app.core.db.models import ChannelListing, StockPush, Store
from app.core.domain import OrderStatus, OutboxStatus
from app.core.services import inventory, locations
from app.core.services.channel_stock import (
    LastUnitsCandidate,
    last_units_store,
    set_last_units,
    wanted_stock,
)
from app.core.services.errors import ValidationError
from app.core.services.orders import upsert_orders_in
from app.core.settings import LAST_UNITS_THRESHOLD, get_setting, set_setting
from tests.helpers.factories import order, product, store


def c(store_id, value=5, sold=0, showing=True):
    return LastUnitsCandidate(store_id, value, sold, showing)


@pytest.mark.parametrize(
    ("available", "threshold", "candidates", "picked", "expected"),
    [
        (5, 0, [c(1), c(2)], None, None),  # off
        (6, 5, [c(1), c(2)], None, None),  # above the threshold: every store sells
        (5, 5, [c(1)], None, None),  # one store only: nothing to choose
        (5, 5, [c(1, sold=2), c(2, sold=9)], None, 2),  # the fastest seller
        (5, 5, [c(1, sold=3), c(2, sold=3)], None, 1),  # a tie: the lowest id, stable
        (5, 5, [c(1, sold=9), c(2, sold=0)], 2, 2),  # the seller's pick wins
        (5, 5, [c(1, sold=9), c(2, value=0)], 2, 1),  # ...unless it can show nothing
        (5, 5, [c(1, sold=0), c(2, sold=9)], 7, 2),  # a pick not listing it: ignored
        # already offered on store 1 alone: it keeps it even if store 2 now looks faster
        (3, 5, [c(1, sold=1), c(2, sold=9, showing=False)], None, 1),
        (3, 5, [c(1, value=0), c(2, value=0)], None, None),  # policies show 0 anyway
    ],
)
def test_which_store_keeps_the_last_units(available, threshold, candidates, picked, expected):
    assert last_units_store(available, threshold, candidates, picked) == expected


@pytest.fixture
def shared(ctx, workspace):
    """One variant with 10 units, listed on three stores."""
    vid = product(ctx, skus=("MADU-00",)).variants[0].id
    loc = locations.list_locations(ctx)[0].id
    inventory.receive(ctx, vid, loc, 10)
    sids = [store(ctx, f"Toko {i}", str(1000 + i)).id for i in range(3)]
    with workspace.sessions.begin() as s:
        for sid in sids:
            s.add(
                ChannelListing(
                    store_id=sid,
                    platform_product_id="P-MADU-00",
                    platform_variant_id="V-MADU-00",
                    platform_sku="MADU-00",
                    platform_stock=10,
                    last_pushed_stock=10,
                    variant_id=vid,
                )
            )
    return vid, loc, sids


def queued(workspace) -> dict[int, int]:
    with workspace.sessions() as s:
        return {
            sid: wanted
            for sid, wanted in s.execute(
                select(StockPush.store_id, StockPush.wanted_stock).where(
                    StockPush.status != OutboxStatus.DONE
                )
            )
        }


def sell(workspace, store_id, oid, qty):
    with workspace.sessions.begin() as s:
        st = s.get(Store, store_id)
        now = datetime.now(UTC)  # "sold fastest" looks at recent sales only
        placed = replace(
            order(oid, OrderStatus.TO_SHIP, [("MADU-00", qty)]), created_at=now, updated_at=now
        )
        upsert_orders_in(s, st, [placed])


def test_off_by_default_every_store_shows_what_is_available(ctx, workspace, shared):
    vid, loc, sids = shared
    assert get_setting(ctx, LAST_UNITS_THRESHOLD) == 0
    inventory.adjust(ctx, vid, loc, -8, "count")
    assert queued(workspace) == dict.fromkeys(sids, 2)


def test_at_the_threshold_only_the_fastest_seller_shows_it(ctx, workspace, shared):
    vid, loc, sids = shared
    set_setting(ctx, LAST_UNITS_THRESHOLD, 3)
    sell(workspace, sids[1], "A1", 2)  # 8 left: above the threshold, all show 8
    assert queued(workspace) == dict.fromkeys(sids, 8)
    sell(workspace, sids[2], "B1", 1)
    sell(workspace, sids[1], "A2", 4)  # 3 left; store 1 sold 6, store 2 sold 1
    assert queued(workspace) == {sids[0]: 0, sids[1]: 3, sids[2]: 0}
    with workspace.sessions() as s:
        assert wanted_stock(s, [vid]) == {
            lid: (3 if sid == sids[1] else 0)
            for lid, sid in s.execute(select(ChannelListing.id, ChannelListing.store_id))
        }
    # received stock lifts the rule: every store shows it again
    inventory.receive(ctx, vid, loc, 10)
    assert queued(workspace) == dict.fromkeys(sids, 13)


def test_a_variant_override_and_the_sellers_pick(ctx, workspace, shared):
    vid, loc, sids = shared
    set_setting(ctx, LAST_UNITS_THRESHOLD, 3)
    set_last_units(ctx, vid, 0, None)  # off for this variant
    inventory.adjust(ctx, vid, loc, -8, "count")
    assert queued(workspace) == dict.fromkeys(sids, 2)
    set_last_units(ctx, vid, None, sids[2])  # the workspace threshold, on the seller's pick
    assert queued(workspace) == {sids[0]: 0, sids[1]: 0, sids[2]: 2}
    set_last_units(ctx, vid, 1, sids[2])  # 2 > 1: not in force
    assert queued(workspace) == dict.fromkeys(sids, 2)


def test_changing_the_workspace_threshold_recomputes_every_store(ctx, workspace, shared):
    vid, loc, _sids = shared
    inventory.adjust(ctx, vid, loc, -8, "count")
    set_setting(ctx, LAST_UNITS_THRESHOLD, 5)
    assert sorted(queued(workspace).values()) == [0, 0, 2]


def test_bad_values_are_refused_and_change_nothing(ctx, workspace, shared):
    vid, _loc, sids = shared
    with pytest.raises(ValidationError, match="between 0 and 100000"):
        set_setting(ctx, LAST_UNITS_THRESHOLD, -1)
    with pytest.raises(ValidationError, match="between 0 and 100000"):
        set_last_units(ctx, vid, -2)
    with pytest.raises(ValidationError, match="does not list this variant"):
        set_last_units(ctx, vid, 3, 999)
    assert get_setting(ctx, LAST_UNITS_THRESHOLD) == 0
    assert queued(workspace) == {}
    assert sids
