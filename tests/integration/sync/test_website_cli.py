"""``storesync stores add --platform woocommerce|custom`` and ``sync --once`` against the
sandbox, as a seller would run them: the website's products and orders come in, and its
stock follows an order placed on a marketplace store."""

from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy import select

from app.core.db.models import ChannelListing, Order
from app.core.paths import resolve_paths
from app.core.services import stores as store_service
from app.core.workspace import open_workspace
from app.sandbox.demo import build_sandbox


def run(data_dir, *args, secret: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "STORESYNC_APP_SECRET": secret}
    return subprocess.run(
        [sys.executable, "-m", "app", *args, "--data-dir", str(data_dir)],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip


def test_add_a_woocommerce_and_a_custom_site_and_sync_once(tmp_path):
    sandbox = build_sandbox(seed=3, shopee_shops=1, tiktok_shops=0, woocommerce_shops=1,
                            custom_shops=1)  # fmt: skip
    sandbox.start()
    d = tmp_path / "data"
    try:
        shopee, site = sandbox.sim("shopee"), sandbox.sim("website")
        shop_id = str(next(iter(shopee.shops)))
        woo = site.shops["woo1"]
        out = run(d, "stores", "add", "--platform", "shopee", "--name", "Toko Shopee",
                  "--shop-id", shop_id, "--base-url", sandbox.base_url,
                  "--app-id", str(shopee.partner_id), "--code", shopee.issue_code(shop_id),
                  secret=shopee.partner_key)  # fmt: skip
        assert out.returncode == 0, out.stderr
        out = run(d, "stores", "add", "--platform", "woocommerce", "--base-url",
                  site.shop_url("woo1"), "--app-id", woo.key, secret=woo.secret)  # fmt: skip
        assert out.returncode == 0, out.stderr
        assert "connected store" in out.stdout
        out = run(d, "stores", "add", "--platform", "custom", "--name", "Situs",
                  "--base-url", site.shop_url("site1"),
                  secret=site.shops["site1"].secret)  # fmt: skip
        assert out.returncode == 0, out.stderr
        # a wrong secret: one line that says what to do, exit 1, no store added
        out = run(d, "stores", "add", "--platform", "woocommerce", "--base-url",
                  site.shop_url("woo1"), "--app-id", woo.key, secret="cs_nope")  # fmt: skip
        assert out.returncode == 1
        assert "refused the keys" in out.stderr and "cs_nope" not in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1

        sku = next(s for s in site.skus("woo1") if s in shopee.skus(shop_id))
        with sandbox.lock:
            web_order = site.place_order("woo1", {site.skus("woo1")[-1]: 1})
        out = run(d, "sync", "--once")
        assert out.returncode == 0, out.stdout + out.stderr
        before = site.stock_of("woo1", sku)
        with sandbox.lock:
            shopee.place_order(shop_id, {sku: 2})
        out = run(d, "sync", "--once")
        assert out.returncode == 0, out.stdout + out.stderr
        assert site.stock_of("woo1", sku) == before - 2

        ws = open_workspace(resolve_paths(d))
        try:
            stores = {s.platform.value: s for s in store_service.list_stores(ws.ctx)}
            assert set(stores) == {"shopee", "woocommerce", "custom_website"}
            with ws.sessions() as s:
                skus = set(
                    s.scalars(
                        select(ChannelListing.platform_sku).where(
                            ChannelListing.store_id == stores["woocommerce"].id
                        )
                    )
                )
                assert skus == set(site.skus("woo1"))
                assert s.scalars(select(Order).where(Order.platform_order_id == web_order)).one()
        finally:
            ws.close()
        out = run(d, "stores", "list")
        assert "woocommerce" in out.stdout and "custom_website" in out.stdout
    finally:
        sandbox.stop()
