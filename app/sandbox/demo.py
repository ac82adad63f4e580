"""The sandbox as demo mode and the tests use it: both platforms, seeded demo shops."""

from __future__ import annotations

from typing import Any

from app.sandbox.catalog import demo_catalog
from app.sandbox.core import Sandbox
from app.sandbox.shopee import ShopeeSim
from app.sandbox.tiktok import TikTokSim


def build_sandbox(
    seed: int = 0,
    *,
    shopee_shops: int = 2,
    tiktok_shops: int = 2,
    port: int = 0,
    catalog_size: int | None = None,
    shopee_options: dict[str, Any] | None = None,
    tiktok_options: dict[str, Any] | None = None,
) -> Sandbox:
    """A sandbox (not yet started) with Shopee and TikTok demo shops sharing one catalog."""
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
    return sandbox


def demo_info(sandbox: Sandbox) -> dict[str, Any]:
    """Base URL and every shop's credentials and authorization code (throwaway values)."""
    return {
        "base_url": sandbox.base_url,
        "platforms": [sim.demo_info() for sim in sandbox.sims],
    }
