"""Adaptive order polling decided from plain facts (services/polling.py)."""

from __future__ import annotations

import pytest

from app.core.domain import Platform
from app.core.services.polling import (
    CALL_BUDGET_PER_MINUTE,
    PollFacts,
    PollingRules,
    PollReason,
    order_interval,
)

SHOPEE, TIKTOK = Platform.SHOPEE, Platform.TIKTOK_SHOP


@pytest.mark.parametrize(
    ("facts", "platform", "quiet", "expected"),
    [
        (PollFacts(0, 0, 0), SHOPEE, 20, (20, PollReason.QUIET)),
        (PollFacts(0, 0, 0), SHOPEE, 60, (30, PollReason.QUIET)),  # quiet is at most 30 s
        (PollFacts(3, 0, 40), SHOPEE, 60, (12, PollReason.ORDERS)),
        (PollFacts(0, 2, 40), TIKTOK, 60, (12, PollReason.LOW_SHARED)),
        (PollFacts(5, 5, 0), TIKTOK, 10, (10, PollReason.ORDERS)),  # never slower than asked
        # half the store's budget spent in the last minute: slow down whatever flows
        (PollFacts(9, 9, 300), SHOPEE, 60, (30, PollReason.BUDGET)),
        (PollFacts(9, 9, 299), SHOPEE, 60, (12, PollReason.ORDERS)),
        (PollFacts(9, 0, 300), TIKTOK, 60, (12, PollReason.ORDERS)),  # TikTok allows more
        (PollFacts(9, 0, 1200), TIKTOK, 20, (20, PollReason.BUDGET)),
    ],
)
def test_order_interval(facts, platform, quiet, expected):
    d = order_interval(facts, platform, quiet)
    assert (d.interval_s, d.reason) == expected
    assert d.fast == (d.reason in (PollReason.ORDERS, PollReason.LOW_SHARED))


def test_rules_can_be_shortened_for_tests_and_benchmarks():
    rules = PollingRules(fast_s=0.5, slow_s=3.0)
    assert order_interval(PollFacts(1, 0, 0), SHOPEE, 60, rules).interval_s == 0.5
    assert order_interval(PollFacts(0, 0, 0), SHOPEE, 60, rules).interval_s == 3.0


def test_fast_polling_stays_far_inside_the_published_limits():
    # a fast order poll costs about 1 list + 1 detail call: 12 s is ~10 calls a minute
    for platform, budget in CALL_BUDGET_PER_MINUTE.items():
        assert 60 / PollingRules().fast_s * 2 < budget / 20, platform
