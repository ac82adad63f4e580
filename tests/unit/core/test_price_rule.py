"""The store's price rule: markup or markdown, rounding to the nearest step, the cost
floor (docs/ARCHITECTURE.md, "Prices"). Money stays exact (Decimal)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from app.core.services.errors import ValidationError
from app.core.services.prices import rule_price
from app.core.settings import StoreSettings


def rule(percent="0", rounding=0, below_cost=False) -> StoreSettings:
    return StoreSettings(
        price_adjust_percent=D(percent), price_rounding=rounding, price_below_cost=below_cost
    )


@pytest.mark.parametrize(
    ("master", "percent", "rounding", "expected"),
    [
        (D(100000), "10", 0, D(110000)),
        (D(99999), "12.5", 0, D(112499)),  # 112498.875 → whole rupiah, half up
        (D(99999), "12.5", 100, D(112500)),
        (D(123449), "0", 100, D(123400)),
        (D(123450), "0", 100, D(123500)),  # the half goes up
        (D(123749), "0", 500, D(123500)),
        (D(123750), "0", 500, D(124000)),
        (D(149499), "0", 1000, D(149000)),
        (D(149500), "0", 1000, D(150000)),
        (D(200000), "-15", 1000, D(170000)),  # a markdown
    ],
)
def test_markup_markdown_and_rounding(master, percent, rounding, expected):
    assert rule_price(master, D(0), rule(percent, rounding)) == expected


def test_never_below_cost_unless_allowed():
    # 30 % off 100,000 is 70,000, under the 82,300 cost: the cost, rounded up to the step
    assert rule_price(D(100000), D(82300), rule("-30", 500)) == D(82500)
    assert rule_price(D(100000), D(82300), rule("-30", 0)) == D(82300)
    assert rule_price(D(100000), D(82300), rule("-30", 500, below_cost=True)) == D(70000)
    # no cost recorded: no floor
    assert rule_price(D(100000), D(0), rule("-30", 500)) == D(70000)


def test_no_master_price_gives_no_price():
    assert rule_price(D(0), D(0), rule("10")) is None


def test_the_rule_is_checked_and_stored_exactly():
    with pytest.raises(ValidationError):
        rule(rounding=250)
    with pytest.raises(ValidationError):
        rule("-95")
    settings = rule("12.5", 500, True)
    assert StoreSettings.from_json(settings.to_json()) == settings
    assert settings.to_json()["price_adjust_percent"] == "12.5"
