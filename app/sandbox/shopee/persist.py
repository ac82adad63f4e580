"""The emulated Shopee's state as plain data and back (see :mod:`app.sandbox.persist`)."""

from __future__ import annotations

from typing import Any

from app.sandbox.persist import fields, rng_state, set_rng_state
from app.sandbox.shopee.state import (
    Grant,
    ShopeeState,
    SimItem,
    SimLine,
    SimModel,
    SimOrder,
    SimShop,
)


def dump(st: ShopeeState) -> dict[str, Any]:
    """Shops with their items and orders (a line names its item and model by id), codes,
    tokens and the random generator."""
    return {
        "partner_id": st.partner_id,
        "partner_key": st.partner_key,
        "rng": rng_state(st.rng),
        "shops": [_shop(shop) for shop in st.shops.values()],
        "codes": st.codes,
        "access": {k: fields(g) for k, g in st.access.items()},
        "refresh": {k: fields(g) for k, g in st.refresh.items()},
        "consents": st.consents,
    }


def _shop(shop: SimShop) -> dict[str, Any]:
    return {
        **fields(shop, skip=("items", "orders")),
        "items": [
            {**fields(item, skip=("models",)), "models": [fields(m) for m in item.models]}
            for item in shop.items.values()
        ],
        "orders": [
            {
                **fields(order, skip=("lines",)),
                "lines": [
                    [ln.item.item_id, ln.model.model_id, ln.quantity, ln.location_id]
                    for ln in order.lines
                ],
            }
            for order in shop.orders.values()
        ],
    }


def load(st: ShopeeState, data: dict[str, Any]) -> None:
    """Replace the state with what :func:`dump` gave."""
    st.partner_id, st.partner_key = int(data["partner_id"]), str(data["partner_key"])
    set_rng_state(st.rng, data["rng"])
    st.shops = {}
    for raw in data["shops"]:
        shop = SimShop(**{k: v for k, v in raw.items() if k not in ("items", "orders")})
        for it in raw["items"]:
            models = [SimModel(**m) for m in it["models"]]
            item = SimItem(**{**{k: v for k, v in it.items() if k != "models"}, "models": models})
            shop.items[item.item_id] = item
        for od in raw["orders"]:
            lines = []
            for item_id, model_id, qty, location in od["lines"]:
                item = shop.items[item_id]
                model = next(m for m in item.models if m.model_id == model_id)
                lines.append(SimLine(item, model, qty, location))
            order = SimOrder(**{**{k: v for k, v in od.items() if k != "lines"}, "lines": lines})
            shop.orders[order.order_sn] = order
        st.shops[shop.shop_id] = shop
    st.codes = {k: tuple(v) for k, v in data["codes"].items()}
    st.access = {k: Grant(**g) for k, g in data["access"].items()}
    st.refresh = {k: Grant(**g) for k, g in data["refresh"].items()}
    st.consents = {k: tuple(v) for k, v in data["consents"].items()}
    st.buckets.clear()  # rate-limit windows start afresh
    st.order_indexes.clear()
    SimOrder.generation += 1  # any list index built before is stale
