"""Website stores end to end over loopback: a WooCommerce site and a custom-contract site
beside a Shopee shop, all selling the same master stock (issue: the website store).

Each test drives a real engine against the sandbox's website emulators: connecting with
keys, importing and auto-matching the listings, orders on the website reserving stock that
then reaches the marketplace, a marketplace order reaching the website, a refund, and
refusals (bad keys, a 500) answered with one clear line and nothing half-written.
"""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from app.core.db.models import ChannelListing, Order, Store
from app.core.domain import (
    AppCredentials,
    Endpoints,
    Environment,
    JobKind,
    OrderStatus,
    Platform,
)
from app.core.services import stores as store_service
from app.core.services.channel_stock import wanted_stock
from app.core.sync.api import ConnectRequest
from app.core.sync.engine import EngineOptions, SyncEngine
from app.demo import connect_requests
from app.sandbox.core import FaultRule
from app.sandbox.demo import build_sandbox
from tests.integration.sync.conftest import FAST_RETRY


@pytest.fixture
def web(workspace):
    """One Shopee shop, one WooCommerce site and one custom site, all connected."""
    sandbox = build_sandbox(
        seed=5, shopee_shops=1, tiktok_shops=0, woocommerce_shops=1, custom_shops=1
    )
    sandbox.start()
    engine = SyncEngine(workspace, None, EngineOptions(schedule=False, retry=FAST_RETRY))
    engine.start()
    try:
        for req in connect_requests(sandbox, engine):
            engine.connect_store(req).result(timeout=60)
        sync(workspace, engine)
        yield workspace, sandbox, engine
    finally:
        engine.stop()
        sandbox.stop()


def sync(ws, engine, kinds=None) -> None:
    for s in store_service.list_stores(ws.ctx):
        engine.sync_now(s.id, kinds).result(timeout=60)


def settle(ws, engine) -> None:
    for _ in range(3):
        sync(ws, engine, (JobKind.ORDERS, JobKind.STOCK_PUSH))


def store_of(ws, platform: Platform):
    return next(s for s in store_service.list_stores(ws.ctx) if s.platform == platform)


def shown_vs_wanted(ws, sandbox) -> list[tuple]:
    """Every mapped listing whose shop shows other stock than the store's policy says."""
    sims = {"shopee": sandbox.sim("shopee"), "website": sandbox.sim("website")}
    wrong = []
    with ws.sessions() as s:
        rows = s.execute(
            select(
                ChannelListing.id,
                ChannelListing.platform_sku,
                ChannelListing.variant_id,
                Store.platform,
                Store.external_shop_id,
            )
            .join(Store, Store.id == ChannelListing.store_id)
            .where(ChannelListing.variant_id.is_not(None))
        ).all()
        wanted = wanted_stock(s, {r[2] for r in rows})
    for lid, sku, _vid, platform, shop in rows:
        if platform == "shopee":
            shows = sims["shopee"].stock_of(shop, sku)
        else:
            shows = sims["website"].stock_of(shop.rsplit("/", 1)[-1], sku)
        if shows != wanted[lid]:
            wrong.append((platform, sku, shows, wanted[lid]))
    return wrong


def test_connect_imports_and_matches_the_website_listings(web):
    ws, sandbox, _engine = web
    site = sandbox.sim("website")
    for platform, slug in ((Platform.WOOCOMMERCE, "woo1"), (Platform.CUSTOM_WEBSITE, "site1")):
        store = store_of(ws, platform)
        assert store.external_shop_id.endswith(f"/{slug}")
        assert store.environment == Environment.LOCAL_SANDBOX
        assert store.authorization_expires_at is None  # keys: no countdown on screen
        with ws.sessions() as s:
            listed = dict(
                s.execute(
                    select(ChannelListing.platform_sku, ChannelListing.variant_id).where(
                        ChannelListing.store_id == store.id
                    )
                ).all()
            )
        assert set(listed) == set(site.skus(slug))
        # the same SKUs as the Shopee shop's: matched to the master catalog
        assert all(v is not None for v in listed.values())
    assert shown_vs_wanted(ws, sandbox) == []
    # neither half of a key pair is in the database (only the keychain keeps them)
    files = [ws.paths.database, ws.paths.database.with_name(ws.paths.database.name + "-wal")]
    stored = b"".join(f.read_bytes() for f in files if f.exists())
    for shop in site.shops.values():
        assert shop.key.encode() not in stored and shop.secret.encode() not in stored


def test_a_website_order_reserves_stock_and_reaches_the_marketplace(web):
    ws, sandbox, engine = web
    site, shopee = sandbox.sim("website"), sandbox.sim("shopee")
    shop_id = str(next(iter(shopee.shops)))
    sku = next(s for s in site.skus("woo1") if s in shopee.skus(shop_id))
    before = shopee.stock_of(shop_id, sku)
    with sandbox.lock:
        oid = site.place_order("woo1", {sku: 2})
    settle(ws, engine)
    with ws.sessions() as s:
        order = s.scalars(select(Order).where(Order.platform_order_id == oid)).one()
        assert order.status == OrderStatus.TO_SHIP
    assert shopee.stock_of(shop_id, sku) == before - 2
    assert shown_vs_wanted(ws, sandbox) == []


def test_a_marketplace_order_reaches_the_website_stock(web):
    ws, sandbox, engine = web
    site, shopee = sandbox.sim("website"), sandbox.sim("shopee")
    shop_id = str(next(iter(shopee.shops)))
    sku = next(s for s in site.skus("site1") if s in shopee.skus(shop_id))
    before = site.stock_of("site1", sku)
    with sandbox.lock:
        shopee.place_order(shop_id, {sku: 3})
    settle(ws, engine)
    assert site.stock_of("site1", sku) == before - 3
    assert shown_vs_wanted(ws, sandbox) == []


def test_a_refunded_website_order_is_stored_as_returned(web):
    ws, sandbox, engine = web
    site = sandbox.sim("website")
    with sandbox.lock:
        oid = site.place_order("woo1", {site.skus("woo1")[0]: 1})
    settle(ws, engine)
    with sandbox.lock:
        site.set_order_status("woo1", oid, "completed")
        site.set_order_status("woo1", oid, "refunded")
    settle(ws, engine)
    with ws.sessions() as s:
        order = s.scalars(select(Order).where(Order.platform_order_id == oid)).one()
        assert (order.status, order.platform_status) == (OrderStatus.RETURNED, "refunded")


def _woo_request(sandbox, secret: str) -> ConnectRequest:
    shop = sandbox.sim("website").shops["woo1"]
    url = sandbox.sim("website").shop_url("woo1")
    return ConnectRequest(
        Platform.WOOCOMMERCE,
        Environment.LOCAL_SANDBOX,
        Endpoints(url),
        AppCredentials(shop.key, secret),
        "",
        None,
        "Toko baru",
    )


def test_bad_keys_are_refused_with_what_to_do_and_nothing_kept(workspace):
    sandbox = build_sandbox(seed=5, shopee_shops=0, tiktok_shops=0, woocommerce_shops=1)
    sandbox.start()
    engine = SyncEngine(workspace, None, EngineOptions(schedule=False, retry=FAST_RETRY))
    engine.start()
    try:
        with pytest.raises(Exception) as caught:
            engine.connect_store(_woo_request(sandbox, "cs_wrong")).result(timeout=60)
        text = str(caught.value)
        assert "refused the keys" in text and "REST API" in text
        assert "cs_wrong" not in text
        assert store_service.list_stores(workspace.ctx) == []
    finally:
        engine.stop()
        sandbox.stop()


@pytest.mark.expected_errors("critical error", "failed")
def test_a_failing_website_fails_the_job_clearly_and_recovers(web):
    ws, sandbox, engine = web
    site = sandbox.sim("website")
    store = store_of(ws, Platform.WOOCOMMERCE)
    with sandbox.lock:
        oid = site.place_order("woo1", {site.skus("woo1")[0]: 1})
    sandbox.inject(FaultRule("server_error", endpoint="/woo/"))
    engine.sync_now(store.id, (JobKind.ORDERS,)).result(timeout=60)
    with ws.sessions() as s:
        assert s.scalars(select(Order).where(Order.platform_order_id == oid)).first() is None
    assert "critical error" in (store_service.get_store(ws.ctx, store.id).status_reason or "")
    sandbox.clear_faults()
    engine.sync_now(store.id, (JobKind.ORDERS,)).result(timeout=60)
    with ws.sessions() as s:
        assert s.scalars(select(Order).where(Order.platform_order_id == oid)).one()


def test_website_orders_ship_with_a_typed_tracking_number_and_print_no_label(web):
    """Ship… on website orders: the seller's own courier; without a number the order
    needs input, with one the shop marks it done and keeps the number."""
    from app.core.domain import ShipMethod, ShipOutcome
    from app.core.services import shipping
    from app.core.sync import ship_job
    from app.core.sync.ship_job import ShipChoice

    ws, sandbox, engine = web
    site = sandbox.sim("website")
    with sandbox.lock:
        woo_id = site.place_ready_orders("woo1", 1, random.Random(1))[0]
        own_id = site.place_ready_orders("site1", 1, random.Random(2))[0]
    sync(ws, engine, (JobKind.ORDERS,))
    targets = [t for t in shipping.to_ship(ws.ctx) if t.platform_order_id in (woo_id, own_id)]
    assert len(targets) == 2
    first = ship_job.ship_orders(engine, targets, ShipChoice()).result(timeout=120)
    assert {r.outcome for r in first} == {ShipOutcome.NEEDS_INPUT}
    tracking = {woo_id: "JNE-000111", own_id: "SICEPAT-222"}
    results = ship_job.ship_orders(
        engine, targets, ShipChoice(tracking=tracking), wait_for_sync=True
    ).result(timeout=120)
    assert {r.target.platform_order_id: r.tracking_numbers for r in results} == {
        woo_id: ["JNE-000111"],
        own_id: ["SICEPAT-222"],
    }
    assert all(r.method is ShipMethod.SELF for r in results)
    assert site.order_status("woo1", woo_id) == "completed"
    assert site.order_status("site1", own_id) == "shipped"
    with ws.sessions() as s:
        stored = {
            o.platform_order_id: (o.status, o.tracking_number)
            for o in s.scalars(select(Order).where(Order.platform_order_id.in_(tracking)))
        }
    assert stored == {
        woo_id: (OrderStatus.COMPLETED, "JNE-000111"),
        own_id: (OrderStatus.SHIPPED, "SICEPAT-222"),
    }


def test_stock_edited_in_the_shops_own_admin_is_set_back(web):
    """The seller types another figure in WordPress; the master count wins (the default
    drift policy), as on the marketplaces."""
    ws, sandbox, engine = web
    site = sandbox.sim("website")
    sku = site.skus("woo1")[0]
    wanted = site.stock_of("woo1", sku)
    with sandbox.lock:
        site.seller_set_stock("woo1", sku, wanted + 40)
    store = store_of(ws, Platform.WOOCOMMERCE)
    engine.sync_now(store.id, (JobKind.PRODUCTS,)).result(timeout=60)
    engine.sync_now(store.id, (JobKind.STOCK_PUSH,)).result(timeout=60)
    assert site.stock_of("woo1", sku) == wanted
    assert shown_vs_wanted(ws, sandbox) == []
