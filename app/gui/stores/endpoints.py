"""Default API hosts per platform and environment (the wizard pre-fills them)."""

from __future__ import annotations

from app.core.domain import Endpoints, Environment, Platform

SHOPEE_PRODUCTION = "https://partner.shopeemobile.com"
SHOPEE_SANDBOX = "https://openplatform.sandbox.test-stable.shopee.sg"
TIKTOK_PRODUCTION = Endpoints(
    api_base_url="https://open-api.tiktokglobalshop.com",
    auth_base_url="https://auth.tiktok-shops.com",
)
# TikTok's test shops live on the production hosts with a sandbox app.
TIKTOK_SANDBOX = TIKTOK_PRODUCTION
LOCAL_SANDBOX_DEFAULT = "http://127.0.0.1:8765"


def default_endpoints(
    platform: Platform, environment: Environment, local_url: str | None = None
) -> Endpoints:
    """Where a store of ``platform`` lives in ``environment``."""
    if platform.is_website:
        if environment != Environment.LOCAL_SANDBOX:
            return Endpoints(api_base_url="")  # the seller's own address
        # the sandbox's first shop of that kind (python -m app.sandbox prints them)
        path = "/woo/woo1" if platform == Platform.WOOCOMMERCE else "/custom/site1"
        return Endpoints((local_url or LOCAL_SANDBOX_DEFAULT).rstrip("/") + path)
    if environment == Environment.LOCAL_SANDBOX:
        url = (local_url or LOCAL_SANDBOX_DEFAULT).rstrip("/")
        # our sandbox serves the API and TikTok's token host on one address
        return Endpoints(api_base_url=url, auth_base_url=url)
    if platform == Platform.SHOPEE:
        url = SHOPEE_PRODUCTION if environment == Environment.PRODUCTION else SHOPEE_SANDBOX
        return Endpoints(api_base_url=url)
    return TIKTOK_PRODUCTION if environment == Environment.PRODUCTION else TIKTOK_SANDBOX
