"""The emulated TikTok Shop's state as plain data and back (see :mod:`app.sandbox.persist`)."""

from __future__ import annotations

import itertools
from typing import Any

from app.sandbox.persist import fields, rng_state, set_rng_state
from app.sandbox.tiktok.state import Grant, Order, Product, Shop, Sku, TikTokState


def dump(st: TikTokState) -> dict[str, Any]:
    """Shops with products and orders, codes, grants (one copy each: the access and the
    refresh map share it), documents, the id counter and the random generator."""
    next_id = next(st.ids)
    st.ids = itertools.count(next_id)  # reading the counter took a value: put it back
    grants: dict[int, Grant] = {}
    for g in (*st.access.values(), *st.refresh.values()):
        grants.setdefault(id(g), g)
    index = {key: n for n, key in enumerate(grants)}
    return {
        "keys": [st.app_key, st.app_secret, st.service_id],
        "next_id": next_id,
        "rng": rng_state(st.rng),
        "shops": [_shop(shop) for shop in st.shops.values()],
        "codes": st.codes,
        "grants": [fields(g) for g in grants.values()],
        "access": {k: index[id(g)] for k, g in st.access.items()},
        "refresh": {k: index[id(g)] for k, g in st.refresh.items()},
        "page_tokens": st.page_tokens,
        "documents": st.documents,
    }


def _shop(shop: Shop) -> dict[str, Any]:
    return {
        **fields(shop, skip=("products", "orders")),
        "products": [
            {**fields(p, skip=("skus",)), "skus": [fields(s) for s in p.skus]}
            for p in shop.products.values()
        ],
        "orders": [fields(o) for o in shop.orders.values()],
    }


def load(st: TikTokState, data: dict[str, Any]) -> None:
    """Replace the state with what :func:`dump` gave."""
    st.app_key, st.app_secret, st.service_id = data["keys"]
    st.ids = itertools.count(int(data["next_id"]))
    set_rng_state(st.rng, data["rng"])
    st.shops = {}
    for raw in data["shops"]:
        shop = Shop(**{k: v for k, v in raw.items() if k not in ("products", "orders")})
        for p in raw["products"]:
            skus = [Sku(**s) for s in p["skus"]]
            product = Product(**{**{k: v for k, v in p.items() if k != "skus"}, "skus": skus})
            shop.products[product.id] = product
        for o in raw["orders"]:
            order = Order(**o)
            order.city = tuple(order.city)
            order.units = [tuple(u) for u in order.units]
            shop.orders[order.id] = order
        st.shops[shop.id] = shop
    st.codes = {k: tuple(v) for k, v in data["codes"].items()}
    grants = [Grant(**g) for g in data["grants"]]
    st.access = {k: grants[n] for k, n in data["access"].items()}
    st.refresh = {k: grants[n] for k, n in data["refresh"].items()}
    st.page_tokens = {k: tuple(v) for k, v in data["page_tokens"].items()}
    st.documents = {k: tuple(v) for k, v in data["documents"].items()}
    st.hits.clear()  # QPS windows start afresh
