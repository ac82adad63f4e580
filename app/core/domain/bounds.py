"""The sane range of every quantity and amount that comes into StoreSync (one place).

A seller's dialog, an Excel import, the command line and a marketplace's answer are all
checked against these numbers before anything is stored (docs/ARCHITECTURE.md, "Bounds").
They are far above any real shop and far below what SQLite's 64-bit integers hold, so a
typo such as 9×10^18 is refused with a message instead of overflowing a sum later: the
largest stock value a row can hold (``MAX_STOCK × MAX_PRICE`` in hundredths, 10^18) still
fits in 2^63 ≈ 9.2×10^18.

Plain numbers only (the domain imports nothing of ours); the checks with their messages
live in :mod:`app.core.services.bounds`.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = [
    "MAX_AMOUNT",
    "MAX_PRICE",
    "MAX_QUANTITY",
    "MAX_STOCK",
    "MAX_WEIGHT_GRAMS",
    "quantity_ok",
]

MAX_QUANTITY = 10_000_000  # units in one change, one count, one order line, one listing
MAX_STOCK = 10_000_000  # on-hand or reserved of one item at one location, either sign
MAX_PRICE = Decimal(1_000_000_000)  # Rp per unit: a price or a cost
MAX_AMOUNT = Decimal(1_000_000_000_000)  # Rp: an order's amounts and one line's value
MAX_WEIGHT_GRAMS = 10_000_000  # 10 tonnes


def quantity_ok(value: object, *, low: int = 0, high: int = MAX_QUANTITY) -> bool:
    """Whether ``value`` is a whole number (not a bool) in ``[low, high]``."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
