"""A new demo shows a cancellation and a return at once: on every platform one order is
cancelled by its buyer and one delivered order comes back, received by the seller, ready
to restock (the buyers' random life adds more over time)."""

from __future__ import annotations

import random
from typing import Any

# per platform: the statuses that walk an order to "delivered", and the return's end
_DELIVERED = {
    "shopee": ("PROCESSED", "SHIPPED", "TO_CONFIRM_RECEIVE"),
    "tiktok_shop": ("DELIVERED",),
}


def showcase(sims: list[Any], rng: random.Random) -> None:
    """One buyer cancellation and one received return per platform (call under the lock)."""
    for sim in sims:
        walk = _DELIVERED.get(sim.name)
        if walk is None:
            continue
        cancelled = _place(sim, rng)
        if cancelled is not None:
            sim.buyer_cancel(*cancelled)
        returned = _place(sim, rng)
        if returned is not None:
            for status in walk:
                sim.set_order_status(*returned, status)
            sim.request_return(*returned)
            sim.advance_return(*returned)


def _place(sim: Any, rng: random.Random) -> tuple[str, str] | None:
    order_id = sim.place_random_order(rng)
    if order_id is None:
        return None
    shop = next(sid for sid, s in sim.shops.items() if order_id in s.orders)
    return str(shop), str(order_id)
