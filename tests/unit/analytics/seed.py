"""A small hand-checkable dataset: two stores, three products, six orders over three days.

Every figure the analytics tests expect is worked out by hand in ``EXPECTED`` comments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select

from app.core.db.models import Order, Store
from app.core.domain import ChannelOrder, ChannelOrderItem, OrderStatus, Platform
from app.core.services import inventory, locations
from app.core.services.analytics.summary import refresh_sales_summary
from app.core.services.orders import upsert_orders_in
from tests.helpers.factories import product, store

# Local days are Asia/Jakarta (UTC+7): 18:00 UTC on 1 Nov is 01:00 on 2 Nov there.
NOV1_10H = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)
NOV2_01H = datetime(2026, 11, 1, 18, 0, tzinfo=UTC)
NOV3_09H = datetime(2026, 11, 3, 2, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Seeded:
    """Ids of what :func:`seed` created."""

    shopee: int
    tiktok: int
    location: int
    kaos_s: int
    kaos_m: int
    topi: int
    sepatu: int
    kaos_product: int
    topi_product: int


def channel_order(
    oid: str,
    status: OrderStatus,
    placed: datetime,
    lines: list[tuple[str, int, int, int]],
    *,
    seller_discount: int = 0,
    buyer: str = "Budi Santoso",
) -> ChannelOrder:
    """An order with (sku, qty, unit price, line discount) lines; total = what buyers paid."""
    items = tuple(
        ChannelOrderItem(
            platform_item_id=f"{oid}-{i}",
            platform_product_id=f"P-{sku}",
            platform_variant_id=f"V-{sku}",
            platform_sku=sku,
            name=sku,
            quantity=q,
            unit_price=Decimal(price),
            discount=Decimal(disc),
        )
        for i, (sku, q, price, disc) in enumerate(lines)
    )
    subtotal = sum((Decimal(p) * q for _, q, p, _ in lines), Decimal(0))
    discounts = sum((Decimal(d) for *_, d in lines), Decimal(0)) + seller_discount
    return ChannelOrder(
        platform_order_id=oid,
        status=status,
        platform_status=status.value,
        created_at=placed,
        updated_at=placed,
        items=items,
        subtotal=subtotal,
        seller_discount=Decimal(seller_discount),
        total=subtotal - discounts,
        buyer_name=buyer,
    )


def ingest(workspace, store_id: int, *orders: ChannelOrder) -> None:
    """Store orders and refresh the summary in one transaction, as the sync engine does."""
    with workspace.sessions.begin() as s:
        upsert_orders_in(s, s.get(Store, store_id), list(orders))
        ids = s.scalars(
            select(Order.id).where(
                Order.store_id == store_id,
                Order.platform_order_id.in_([o.platform_order_id for o in orders]),
            )
        ).all()
        refresh_sales_summary(s, ids)


def set_final_fees(workspace, platform_order_id: str, fees: int, subsidy: int) -> None:
    """What the engine does when escrow data arrives."""
    with workspace.sessions.begin() as s:
        o = s.scalars(select(Order).where(Order.platform_order_id == platform_order_id)).one()
        o.fees, o.fees_final, o.shipping_subsidy = Decimal(fees), True, Decimal(subsidy)
        refresh_sales_summary(s, [o.id])


def seed(ctx, workspace) -> Seeded:
    """Build the dataset (see the module docstring)."""
    kaos = product(ctx, "Kaos Polos", ("KAOS-S", "KAOS-M"), price=50000, cost=30000)
    topi = product(ctx, "Topi Rajut", ("TOPI-01",), price=40000, cost=20000)
    sepatu = product(ctx, "Sepatu Kanvas", ("SEPATU-01",), price=150000, cost=90000)
    # KAOS-M costs more than KAOS-S
    from app.core.services import catalog

    catalog.bulk_update(ctx, [kaos.id], cost=Decimal(30000))
    ks, km = kaos.variants
    with workspace.sessions.begin() as s:
        from app.core.db.models import Variant

        s.get(Variant, km.id).cost = Decimal(32000)
    loc = locations.list_locations(ctx)[0].id
    for vid, qty in ((ks.id, 100), (km.id, 50), (topi.variants[0].id, 10)):
        inventory.receive(ctx, vid, loc, qty)
    inventory.receive(ctx, sepatu.variants[0].id, loc, 5)
    a = store(ctx, "Toko Shopee", "1001", Platform.SHOPEE).id
    b = store(ctx, "Toko TikTok", "2002", Platform.TIKTOK_SHOP).id
    S = OrderStatus
    ingest(
        workspace,
        a,
        channel_order(
            "A1", S.COMPLETED, NOV1_10H, [("KAOS-S", 2, 50000, 0), ("TOPI-01", 1, 40000, 5000)]
        ),
        channel_order("A2", S.SHIPPED, NOV2_01H, [("KAOS-M", 1, 60000, 0)], seller_discount=10000),
        channel_order("A3", S.CANCELLED, NOV2_01H, [("KAOS-S", 1, 50000, 0)]),
    )
    ingest(
        workspace,
        b,
        channel_order("B1", S.TO_SHIP, NOV3_09H, [("TOPI-01", 3, 40000, 0)]),
        channel_order("B2", S.RETURNED, NOV3_09H, [("KAOS-S", 1, 50000, 0)]),
        channel_order("B3", S.UNPAID, NOV3_09H, [("KAOS-M", 1, 50000, 0)]),
    )
    set_final_fees(workspace, "A1", 12000, 3000)
    return Seeded(
        a, b, loc, ks.id, km.id, topi.variants[0].id, sepatu.variants[0].id, kaos.id, topi.id
    )
