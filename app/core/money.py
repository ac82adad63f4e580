"""Money as sellers read it: ``Rp 150.000`` (Indonesian grouping), exact Decimal maths.

No Qt here, so the GUI, the exports and the command line all format money the same way.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def format_rupiah(amount: Decimal | int | None) -> str:
    """``Rp 150.000``; sen only when there are any (``Rp 1.500,50``); ``-Rp 2.000``.

    Indonesian notation uses a dot between thousands and a comma before decimals.
    ``None`` formats as an empty string so tables can show "no value" without a branch.
    """
    if amount is None:
        return ""
    if isinstance(amount, float):
        raise TypeError("money must be Decimal or int, never float")
    value = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole = int(value)
    cents = int((value - whole) * 100)
    grouped = f"{whole:,}".replace(",", ".")
    tail = f",{cents:02d}" if cents else ""
    return f"{sign}Rp {grouped}{tail}"


def to_minor(amount: Decimal | int) -> int:
    """An amount as an integer number of hundredths (sen), rounded half-up."""
    return int(Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP) * 100)


def from_minor(value: int | None) -> Decimal:
    """Hundredths back to a Decimal with two places (exact: only the exponent moves)."""
    return Decimal(int(value or 0)).scaleb(-2)
