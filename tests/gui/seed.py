"""A small, realistic workspace built through the real services (tests and screenshots).

Two stores, seven products with variants, two locations, stock with some items low or
out, orders of today and yesterday (one with an unmapped line), listings (two unmapped),
and a few sync jobs with log lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from app.core import domain
from app.core.db.models import Store, SyncJob, SyncLog
from app.core.domain import Environment, JobKind, JobStatus, OrderStatus, Platform, StoreStatus
from app.core.services import catalog, inventory, listings, locations, orders, stores
from app.core.services.analytics.calendar import zone
from app.core.services.analytics.summary import rebuild_sales_summary
from app.core.services.catalog import ProductInput, VariantInput
from app.core.services.context import ServiceContext

PRODUCTS = [
    (
        "Kaos Polos Cotton Combed 30s",
        "Kaos",
        "Basicwear",
        45000,
        28000,
        [("KAOS-HTM-M", "Hitam / M"), ("KAOS-HTM-L", "Hitam / L"), ("KAOS-PTH-M", "Putih / M")],
    ),
    (
        "Celana Jeans Slim Fit",
        "Celana",
        "Denimku",
        189000,
        110000,
        [("JEANS-30", "30"), ("JEANS-32", "32")],
    ),
    ("Topi Baseball Bordir", "Aksesoris", "Capstar", 65000, 30000, [("TOPI-NVY", "Navy")]),
    ("Tas Selempang Kanvas", "Tas", "Kanvasa", 120000, 70000, [("TAS-KNV-01", "")]),
    (
        "Hijab Voal Premium",
        "Hijab",
        "Voalia",
        55000,
        25000,
        [("HJB-VOAL-MOCCA", "Mocca"), ("HJB-VOAL-NAVY", "Navy")],
    ),
    ("Sandal Jepit Karet", "Sandal", "Swallowz", 25000, 12000, [("SNDL-40", "40")]),
    ("Botol Minum 1L", "Rumah", "Hydra", 79000, 40000, [("BTL-1L", "")]),
]
# on hand at the main location per SKU (absent: nothing received)
STOCK = {
    "KAOS-HTM-M": 40,
    "KAOS-HTM-L": 3,
    "KAOS-PTH-M": 25,
    "JEANS-30": 12,
    "JEANS-32": 0,
    "TOPI-NVY": 18,
    "TAS-KNV-01": 7,
    "HJB-VOAL-MOCCA": 60,
    "HJB-VOAL-NAVY": 2,
    "BTL-1L": 30,
}


@dataclass
class Seeded:
    """Ids of what :func:`seed` created."""

    variant_ids: dict[str, int] = field(default_factory=dict)
    product_ids: dict[str, int] = field(default_factory=dict)
    store_ids: list[int] = field(default_factory=list)
    location_ids: list[int] = field(default_factory=list)
    unmapped_listing_ids: list[int] = field(default_factory=list)
    order_ids: dict[str, int] = field(default_factory=dict)
    job_ids: list[int] = field(default_factory=list)


def _order(
    number: str,
    status: OrderStatus,
    lines: list[tuple[str, int, int]],
    placed: datetime,
    buyer: str,
) -> domain.ChannelOrder:
    items = tuple(
        domain.ChannelOrderItem(
            platform_item_id=f"{number}-{i}",
            platform_product_id=f"P-{sku}",
            platform_variant_id=f"V-{sku}",
            platform_sku=sku,
            name=sku.replace("-", " ").title(),
            quantity=q,
            unit_price=Decimal(price),
        )
        for i, (sku, q, price) in enumerate(lines)
    )
    total = sum((Decimal(p) * q for _, q, p in lines), Decimal(0))
    return domain.ChannelOrder(
        platform_order_id=number,
        status=status,
        platform_status=status.value.upper(),
        created_at=placed,
        updated_at=placed + timedelta(minutes=5),
        items=items,
        subtotal=total,
        shipping_fee=Decimal(12000),
        total=total + Decimal(12000),
        buyer_name=buyer,
        shipping_address=f"Jl. Melati No. {len(number)}\nBandung 40115, Jawa Barat",
    )


def seed(ctx: ServiceContext, now: datetime | None = None) -> Seeded:
    """Fill an empty workspace; returns the ids tests assert on."""
    now = now or datetime.now(UTC)
    out = Seeded()
    for name, category, brand, price, cost, variants in PRODUCTS:
        p = catalog.create_product(
            ctx,
            ProductInput(
                name=name,
                category=category,
                brand=brand,
                variants=tuple(
                    VariantInput(sku=sku, name=vname, price=price, cost=cost, weight_grams=250)
                    for sku, vname in variants
                ),
            ),
        )
        out.product_ids[name] = p.id
        for v in p.variants:
            out.variant_ids[v.sku] = v.id
    main = locations.list_locations(ctx)[0].id
    shop = locations.create_location(ctx, "TOKO", "Toko Depan")
    out.location_ids = [main, shop]
    for sku, qty in STOCK.items():
        if qty:
            inventory.receive(ctx, out.variant_ids[sku], main, qty, note="PO-2026-001")
        else:
            inventory.stocktake(ctx, out.variant_ids[sku], main, 0, note="counted")
    inventory.receive(ctx, out.variant_ids["KAOS-HTM-M"], shop, 5, note="display")
    inventory.set_reorder(ctx, out.variant_ids["TAS-KNV-01"], main, 10, 20)

    for name, plat, shop_id in (
        ("Toko Shopee Bandung", Platform.SHOPEE, "1001"),
        ("TikTok Shop Official", Platform.TIKTOK_SHOP, "7001"),
    ):
        st = stores.create_store(
            ctx,
            stores.StoreInput(
                platform=plat,
                name=name,
                external_shop_id=shop_id,
                api_base_url="http://127.0.0.1:9",
                environment=Environment.LOCAL_SANDBOX,
            ),
        )
        out.store_ids.append(st.id)
    shopee, tiktok = out.store_ids
    local_now = now.astimezone(zone(ctx))  # "today" is the workspace's day, as in the app
    today = local_now.replace(hour=12, minute=0, second=0, microsecond=0)
    if today > local_now:  # before noon: halfway between midnight and now stays today
        midnight = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
        today = midnight + (local_now - midnight) / 2
    today = today.astimezone(UTC)
    yesterday = today - timedelta(days=1)
    with ctx.write() as s:
        store = s.get(Store, shopee)
        assert store is not None
        listings.upsert_listings_in(
            s,
            store,
            [
                domain.ChannelListing(
                    "P-KAOS-HTM-M",
                    "V-KAOS-HTM-M",
                    "KAOS-HTM-M",
                    "Kaos Polos",
                    "Hitam M",
                    Decimal(45000),
                    40,
                ),
                domain.ChannelListing(
                    "P-JEANS-30", "V-JEANS-30", "JEANS-30", "Jeans Slim", "30", Decimal(189000), 12
                ),
                domain.ChannelListing(
                    "P-X1",
                    "V-X1",
                    "KAOS HTM XL",
                    "Kaos Polos Hitam",
                    "XL",
                    Decimal(47000),
                    4,
                ),
            ],
        )
        orders.upsert_orders_in(
            s,
            store,
            [
                _order(
                    "240101ABCD01",
                    OrderStatus.TO_SHIP,
                    [("KAOS-HTM-M", 2, 45000)],
                    today,
                    "Siti Rahma",
                ),
                _order(
                    "240101ABCD02",
                    OrderStatus.COMPLETED,
                    [("JEANS-30", 1, 189000)],
                    yesterday,
                    "Budi Santoso",
                ),
                _order(
                    "240101ABCD03",
                    OrderStatus.TO_SHIP,
                    [("HJB-VOAL-MOCCA", 3, 55000), ("MYSTERY-01", 1, 30000)],
                    today,
                    "Dewi Lestari",
                ),
            ],
        )
        store2 = s.get(Store, tiktok)
        assert store2 is not None
        orders.upsert_orders_in(
            s,
            store2,
            [
                _order(
                    "577001122334",
                    OrderStatus.SHIPPED,
                    [("TOPI-NVY", 1, 65000)],
                    today,
                    "Agus Wijaya",
                ),
                _order(
                    "577001122335",
                    OrderStatus.CANCELLED,
                    [("BTL-1L", 2, 79000)],
                    yesterday,
                    "Rina Kurnia",
                ),
            ],
        )
        store2.sync_status = StoreStatus.NEEDS_REAUTH
        store2.status_reason = "refresh token expired; approve StoreSync again"
        store.last_synced_at = now - timedelta(minutes=3)
        store.refresh_token_expires_at = now + timedelta(days=25)
        store2.refresh_token_expires_at = now - timedelta(hours=2)
        for kind, status, processed, total, failed, err in (
            (JobKind.ORDERS, JobStatus.SUCCEEDED, 3, 3, 0, ""),
            (JobKind.STOCK_PUSH, JobStatus.SUCCEEDED, 5, 5, 0, ""),
            (
                JobKind.PRODUCTS,
                JobStatus.FAILED,
                10,
                40,
                1,
                "error_param: item 99 has no variation (Shopee)",
            ),
        ):
            job = SyncJob(
                store_id=shopee,
                kind=kind,
                status=status,
                trigger="schedule",
                total=total,
                processed=processed,
                failed=failed,
                error=err,
                started_at=now - timedelta(minutes=10),
                finished_at=now - timedelta(minutes=9, seconds=42),
            )
            s.add(job)
            s.flush()
            out.job_ids.append(job.id)
            s.add(
                SyncLog(
                    job_id=job.id,
                    store_id=shopee,
                    level="info",
                    message=f"{kind.value}: {processed} of {total} done",
                )
            )
            if err:
                s.add(
                    SyncLog(
                        job_id=job.id,
                        store_id=shopee,
                        level="error",
                        message=err,
                        detail={"platform_error": "error_param"},
                    )
                )
    for r in listings.list_listings(ctx, unmapped_only=True):
        out.unmapped_listing_ids.append(r.id)
    for number in ("240101ABCD01", "240101ABCD02", "240101ABCD03"):
        oid = orders.find_order_id(ctx, shopee, number)
        assert oid is not None
        out.order_ids[number] = oid
    rebuild_sales_summary(ctx)
    for number in ("577001122334", "577001122335"):
        oid = orders.find_order_id(ctx, tiktok, number)
        assert oid is not None
        out.order_ids[number] = oid
    return out
