"""Shopee Open Platform API v2: signing, a typed async client, and the adapter.

Reference: ``shared/reference/shopee-api.md``. The emulator lives in :mod:`app.sandbox.shopee`.
"""

from app.core.platforms.shopee.adapter import ShopeeAdapter
from app.core.platforms.shopee.client import PRODUCTION_URL, SANDBOX_URL, ShopeeClient

__all__ = ["PRODUCTION_URL", "SANDBOX_URL", "ShopeeAdapter", "ShopeeClient"]
