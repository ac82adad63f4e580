"""The sandbox as demo mode and the tests use it: both platforms, seeded demo shops."""

from __future__ import annotations

import contextlib
from typing import Any

from app.sandbox.catalog import DEMO_BUNDLE, demo_catalog
from app.sandbox.core import Sandbox
from app.sandbox.shopee.sim import ShopeeSim
from app.sandbox.tiktok.sim import TikTokSim


def build_sandbox(
    seed: int = 0,
    *,
    shopee_shops: int = 2,
    tiktok_shops: int = 2,
    port: int = 0,
    catalog_size: int | None = None,
    shopee_options: dict[str, Any] | None = None,
    tiktok_options: dict[str, Any] | None = None,
    woocommerce_shops: int = 0,
    custom_shops: int = 0,
    website_options: dict[str, Any] | None = None,
) -> Sandbox:
    """A sandbox (not yet started) with Shopee and TikTok demo shops sharing one catalog,
    and website shops (WooCommerce, custom contract) when asked for."""
    sandbox = Sandbox(seed=seed, port=port)
    catalog = demo_catalog(seed, catalog_size)
    if shopee_shops:
        sandbox.add(
            ShopeeSim(sandbox, catalog, shops=shopee_shops, seed=seed, options=shopee_options)
        )
    if tiktok_shops:
        sandbox.add(
            TikTokSim(sandbox, catalog, shops=tiktok_shops, seed=seed, options=tiktok_options)
        )
    if woocommerce_shops or custom_shops:
        from app.sandbox.website.sim import WebsiteSim

        sandbox.add(
            WebsiteSim(
                sandbox,
                catalog,
                woocommerce=woocommerce_shops,
                custom=custom_shops,
                seed=seed,
                options=website_options,
            )
        )
    if catalog_size is None:
        list_demo_bundle(sandbox)
    return sandbox


#: the emulated marketplaces (the website shops are the other sims)
MARKETPLACES = ("shopee", "tiktok_shop")


def start_demo_promotions(sandbox: Sandbox) -> list[str]:
    """A running promotion on the first SKU of each platform's first shop, so the demo
    shows a price the marketplace refuses (held for the seller: docs/ARCHITECTURE.md,
    "Prices"). Returns the SKUs locked."""
    locked = []
    with sandbox.lock:
        for sim in sandbox.sims:
            if sim.name not in MARKETPLACES:  # a website shop runs no promotions
                continue
            shop_id = next(iter(sim.shops), None)
            if shop_id is None:
                continue
            sku = sim.skus(shop_id)[0] if sim.name == "shopee" else None
            if sku is None:
                product = next(iter(sim.shops[shop_id].products.values()))
                sku = product.skus[0].seller_sku
                sim.set_promotion(shop_id, sku, True)
            else:
                sim.set_promotion(shop_id, sku, 1)
            locked.append(sku)
    return locked


def list_demo_bundle(sandbox: Sandbox) -> None:
    """The demo bundle (:data:`DEMO_BUNDLE`) on the first shop of each platform, with no
    stock: two stores list it, and StoreSync pushes the stock its components allow."""
    import html
    import random

    from app.sandbox.tiktok.state import Product, Sku

    v = DEMO_BUNDLE.variants[0]
    for sim in sandbox.sims:
        if sim.name not in MARKETPLACES:  # the demo website does not list the bundle
            continue
        state = sim.state
        shop = next(iter(state.shops.values()), None)
        if shop is None:
            continue
        now = int(state.now())
        if isinstance(sim, ShopeeSim):
            taken = {i for s in state.shops.values() for i in s.items}
            rng = random.Random(sandbox.seed + 17)  # the shops' own generators stay untouched
            item = state.item_from_product(DEMO_BUNDLE, rng, shop.locations, taken, now)
            for model in item.models:
                model.stock = dict.fromkeys(shop.locations, 0)
            shop.items[item.item_id] = item
        else:
            sku = Sku(state.new_id("1730"), v.sku, v.name, v.price, {})
            sku.stock = dict.fromkeys(shop.sales_warehouse_ids, 0)
            product = Product(
                id=state.new_id("1729"),
                title=DEMO_BUNDLE.name,
                description=f"<p>{html.escape(DEMO_BUNDLE.description)}</p>",
                category=DEMO_BUNDLE.category,
                axis=None,
                skus=[sku],
                status="ACTIVATE",
                create_time=now - 7 * 24 * 3600,
                update_time=now - 7 * 24 * 3600,
            )
            shop.products[product.id] = product


def demo_info(sandbox: Sandbox) -> dict[str, Any]:
    """Base URL and every shop's credentials and authorization code (throwaway values)."""
    return {
        "base_url": sandbox.base_url,
        "platforms": [sim.demo_info() for sim in sandbox.sims],
    }


def place_orders(
    sandbox: Sandbox, count: int, seed: int = 0, *, max_lines: int | None = None
) -> int:
    """Buyers place ``count`` orders across the shops; stock is raised first so every order
    can be served (for benchmarks). With ``max_lines`` each order has 1 to that many
    different products (``5`` gives ~3 lines an order). Returns the orders placed."""
    import random

    from app.sandbox.catalog import demo_catalog

    rng = random.Random(seed + 7)
    skus = [v.sku for p in demo_catalog(sandbox.seed, None) for v in p.variants]
    placed = 0
    with sandbox.lock:
        for sim in sandbox.sims:
            for shop_id in list(sim.shops):
                for sku in skus:
                    # a shop that does not list the SKU refuses it
                    with contextlib.suppress(KeyError, ValueError, StopIteration):
                        sim.seller_set_stock(shop_id, sku, 10_000_000)
        for _ in range(count):
            lines = rng.randint(1, max_lines) if max_lines else None
            if rng.choice(sandbox.sims).place_random_order(rng, lines) is not None:
                placed += 1
    return placed
