"""The per-store stock policy: buffer, percentage, cap, never below zero."""

from __future__ import annotations

import pytest

from app.core.services.channel_stock import shown_stock
from app.core.services.errors import ValidationError
from app.core.settings import StoreSettings


@pytest.mark.parametrize(
    ("kw", "available", "expected"),
    [
        ({}, 10, 10),
        ({"buffer": 2}, 10, 8),
        ({"buffer": 20}, 10, 0),
        ({"percentage": 50}, 9, 4),  # rounds down: never promise half a unit
        ({"cap": 5}, 10, 5),
        ({"buffer": 1, "percentage": 50, "cap": 3}, 11, 3),
        ({}, -4, 0),  # oversold: show zero, never negative
    ],
)
def test_channel_stock(kw, available, expected):
    assert shown_stock(StoreSettings(**kw), available) == expected


def test_invalid_policy_is_refused_at_the_field():
    with pytest.raises(ValidationError) as err:
        StoreSettings(percentage=120)
    assert err.value.field == "percentage"


def test_round_trips_through_json_and_ignores_unknown_keys():
    s = StoreSettings(buffer=3, cap=10)
    assert StoreSettings.from_json({**s.to_json(), "old_key": 1}) == s
