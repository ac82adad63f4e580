"""Which adapter serves which platform. A new marketplace adds one line here."""

from __future__ import annotations

from typing import Any

import httpx

from app.core.domain import AppCredentials, Endpoints, Platform
from app.core.platforms.base import PlatformAdapter, TokenProvider
from app.core.platforms.http import RetryPolicy, TokenBucket

# Production hosts per platform (the Connect wizard offers them; tests never use them).
PRODUCTION_ENDPOINTS: dict[Platform, Endpoints] = {
    Platform.SHOPEE: Endpoints("https://partner.shopeemobile.com"),
    Platform.TIKTOK_SHOP: Endpoints(
        "https://open-api.tiktokglobalshop.com", "https://auth.tiktok-shops.com"
    ),
}
PLATFORM_SANDBOX_ENDPOINTS: dict[Platform, Endpoints] = {
    Platform.SHOPEE: Endpoints("https://openplatform.sandbox.test-stable.shopee.sg"),
    # TikTok has no sandbox host since 202309: development shops live in production
    Platform.TIKTOK_SHOP: Endpoints(
        "https://open-api.tiktokglobalshop.com", "https://auth.tiktok-shops.com"
    ),
}


def is_loopback(url: str) -> bool:
    """Whether a base URL points at this machine (our sandbox)."""
    host = httpx.URL(url).host
    return host in ("127.0.0.1", "localhost", "::1")


def build_adapter(
    platform: Platform,
    http: httpx.AsyncClient,
    endpoints: Endpoints,
    credentials: AppCredentials,
    shop_id: str,
    tokens: TokenProvider,
    *,
    shop_cipher: str | None = None,
    limiter: TokenBucket | None = None,
    retry: RetryPolicy | None = None,
    options: dict[str, Any] | None = None,
) -> PlatformAdapter:
    """An adapter for one store."""
    if platform == Platform.SHOPEE:
        from app.core.platforms.shopee import ShopeeAdapter

        return ShopeeAdapter(
            http,
            endpoints,
            credentials,
            shop_id or "0",
            tokens,
            limiter=limiter,
            retry=retry,
            options=options,
        )
    if platform == Platform.TIKTOK_SHOP:
        from app.core.platforms.tiktok import TikTokAdapter

        if is_loopback(endpoints.api_base_url):
            # our sandbox serves the consent page itself, on the same host
            options = {"consent_base_url": endpoints.api_base_url.rstrip("/"), **(options or {})}

        return TikTokAdapter(
            http,
            endpoints,
            credentials,
            shop_id,
            tokens,
            shop_cipher=shop_cipher,
            limiter=limiter,
            retry=retry,
            options=options,
        )
    if platform == Platform.WOOCOMMERCE:
        from app.core.platforms.woocommerce import WooCommerceAdapter

        return WooCommerceAdapter(
            http,
            endpoints,
            credentials,
            shop_id,
            tokens,
            limiter=limiter,
            retry=retry,
            options=options,
        )
    if platform == Platform.CUSTOM_WEBSITE:
        from app.core.platforms.custom import CustomStoreAdapter

        return CustomStoreAdapter(
            http,
            endpoints,
            credentials,
            shop_id,
            tokens,
            limiter=limiter,
            retry=retry,
            options=options,
        )
    raise ValueError(f"no adapter for platform {platform.value}")
