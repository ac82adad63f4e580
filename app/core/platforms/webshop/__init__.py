"""What the website adapters (WooCommerce, the open custom-store contract) share."""

from app.core.platforms.webshop.base import KEY_AUTH_EXPIRY, WebShopAdapter, key_tokens
from app.core.platforms.webshop.client import WebAnswer, WebClient, int_header

__all__ = [
    "KEY_AUTH_EXPIRY",
    "WebAnswer",
    "WebClient",
    "WebShopAdapter",
    "int_header",
    "key_tokens",
]
