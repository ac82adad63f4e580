"""Small builders for test data, through the real services."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from app.core.domain import ChannelOrder, ChannelOrderItem, Environment, OrderStatus, Platform
from app.core.services import catalog, stores
from app.core.services.catalog import ProductInput, VariantInput

T0 = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)


def product(
    ctx,
    name: str = "Kaos Polos",
    skus: tuple[str, ...] = ("KAOS-01",),
    price: int = 45000,
    cost: int = 30000,
    **kw,
):
    """Create a product with one variant per SKU."""
    return catalog.create_product(
        ctx,
        ProductInput(
            name=name,
            variants=tuple(VariantInput(sku=s, name=s, price=price, cost=cost) for s in skus),
            **kw,
        ),
    )


def store(
    ctx, name: str = "Toko Shopee", shop_id: str = "1001", platform: Platform = Platform.SHOPEE
):
    """Register a sandbox store."""
    return stores.create_store(
        ctx,
        stores.StoreInput(
            platform=platform,
            name=name,
            external_shop_id=shop_id,
            api_base_url="http://127.0.0.1:9",
            environment=Environment.LOCAL_SANDBOX,
        ),
    )


def order(
    order_id: str,
    status: OrderStatus,
    lines: list[tuple[str, int]],
    minutes: int = 0,
    price: int = 45000,
) -> ChannelOrder:
    """A normalized order with (sku, qty) lines; the platform ids derive from the SKU."""
    at = T0 + timedelta(minutes=minutes)
    items = tuple(
        ChannelOrderItem(
            platform_item_id=f"{order_id}-{i}",
            platform_product_id=f"P-{sku}",
            platform_variant_id=f"V-{sku}",
            platform_sku=sku,
            name=sku,
            quantity=q,
            unit_price=Decimal(price),
        )
        for i, (sku, q) in enumerate(lines)
    )
    total = sum((Decimal(price) * q for _, q in lines), Decimal(0))
    return ChannelOrder(
        platform_order_id=order_id,
        status=status,
        platform_status=status.value,
        created_at=T0,
        updated_at=at,
        items=items,
        subtotal=total,
        total=total,
        buyer_name="Budi Santoso",
    )
