"""Drift judged against orders, as functions of plain values."""

from __future__ import annotations

from dataclasses import replace

from app.core.domain import DriftPolicy
from app.core.services.drift import DriftAction, Unsettled, judge_drift, judge_first_sight
from app.core.settings import StoreSettings


def test_orders_around_the_reading_explain_a_range_and_only_the_remainder_is_drift():
    kw = {"last_pushed": 7, "policy": DriftPolicy.ACCEPT_PLATFORM}
    # 2 units ordered around the reading: the platform may show 7 (seen) or 9 (not yet)
    for shows in (7, 8, 9):
        assert judge_drift(platform_stock=shows, unsettled=Unsettled(more=2), **kw) is None
    low = judge_drift(platform_stock=4, unsettled=Unsettled(more=2), **kw)
    assert (low.action, low.expected, low.diff) == (DriftAction.ACCEPT, 7, -3)
    high = judge_drift(platform_stock=12, unsettled=Unsettled(more=2), **kw)
    assert (high.expected, high.diff) == (9, 3)
    # a cancellation around the reading: the platform may not have given it back yet
    assert judge_drift(platform_stock=6, unsettled=Unsettled(less=1), **kw) is None


def test_a_queued_push_hides_drift_only_under_master_wins():
    assert (
        judge_drift(
            last_pushed=7, platform_stock=3, policy=DriftPolicy.MASTER_WINS, push_pending=True
        )
        is None
    )


def test_a_never_pushed_listing_is_compared_with_what_the_policy_says():
    settings = replace(StoreSettings(), buffer=1, drift_policy=DriftPolicy.MASTER_WINS)
    assert judge_first_sight(settings=settings, available=10, platform_stock=9) is None
    v = judge_first_sight(settings=settings, available=10, platform_stock=4)
    assert (v.action, v.expected, v.diff) == (DriftAction.PUSH_BACK, 9, -5)
    accept = replace(settings, drift_policy=DriftPolicy.ACCEPT_PLATFORM)
    v = judge_first_sight(settings=accept, available=10, platform_stock=12)
    assert (v.action, v.expected, v.diff) == (DriftAction.ACCEPT, 9, 3)
    # an order around the reading may not be in the figure yet
    assert (
        judge_first_sight(settings=accept, available=10, platform_stock=10, unsettled=Unsettled(1))
        is None
    )
