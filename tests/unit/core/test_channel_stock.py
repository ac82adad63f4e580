"""The drift judgement and the opening-stock reading, as functions of plain values."""

from __future__ import annotations

import pytest

from app.core.domain import DriftPolicy
from app.core.services.drift import DriftAction, judge_drift, opening_stock


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({"last_pushed": 7, "platform_stock": 7}, None),  # shows what we pushed
        ({"last_pushed": None, "platform_stock": 7}, None),  # never pushed: nothing to compare
        ({"last_pushed": 7, "platform_stock": 3, "mapped": False}, None),
        ({"last_pushed": 7, "platform_stock": 3, "push_pending": True}, None),  # next push wins
        ({"last_pushed": 7, "platform_stock": 3}, (DriftAction.PUSH_BACK, 7, -4)),
        (
            {"last_pushed": 7, "platform_stock": 12, "policy": DriftPolicy.ACCEPT_PLATFORM},
            (DriftAction.ACCEPT, 7, 5),
        ),
    ],
)
def test_judge_drift(kw, expected):
    verdict = judge_drift(**{"policy": DriftPolicy.MASTER_WINS, **kw})
    got = None if verdict is None else (verdict.action, verdict.expected, verdict.diff)
    assert got == expected


def test_opening_stock_adds_back_what_open_orders_hold_and_never_goes_negative():
    assert opening_stock(5, 2) == 7
    assert opening_stock(-3, 2) == 2
