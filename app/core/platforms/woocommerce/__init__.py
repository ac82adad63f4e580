"""WooCommerce (REST API v3): the seller's own website shop."""

from app.core.platforms.woocommerce.adapter import WooCommerceAdapter

__all__ = ["WooCommerceAdapter"]
