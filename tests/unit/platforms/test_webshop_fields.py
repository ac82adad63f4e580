"""A website's malformed money or date is named as that site's fault, in its own words."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from app.core.platforms.base import MalformedResponseError
from app.core.platforms.custom import adapter as custom
from app.core.platforms.woocommerce import mapping as woo


def test_money_and_dates_read_exactly():
    assert woo.money("12500.10") == Decimal("12500.10")
    assert custom.money("") == Decimal(0)
    assert woo.gmt("2026-12-03T10:00:00") == datetime(2026, 12, 3, 10, tzinfo=UTC)
    assert custom.gmt("2026-12-03T17:00:00+07:00") == datetime(2026, 12, 3, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("read", "value", "message"),
    [
        (woo.money, "12,500", "WooCommerce sent '12,500' as an amount"),
        (custom.money, "Rp 5", "the website sent 'Rp 5' as an amount"),
        (woo.gmt, "yesterday", "WooCommerce sent 'yesterday' as a date"),
        (custom.gmt, "03/12/2026", "the website sent '03/12/2026' as a date"),
    ],
)
def test_a_bad_value_names_the_site_that_sent_it(read, value, message):
    with pytest.raises(MalformedResponseError) as err:
        read(value)
    assert str(err.value) == message
