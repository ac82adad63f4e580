"""WooCommerce REST v3 JSON to our normalized records.

Ids are integers in WooCommerce and strings here. A simple product is one listing with
variant id "0" (as a Shopee item without models); a variable product gives one listing per
variation. Money comes as decimal strings; ``*_gmt`` dates are UTC without an offset.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from app.core.domain import ChannelListing, ChannelOrder, ChannelOrderItem, OrderStatus
from app.core.platforms.base import MalformedResponseError
from app.core.platforms.webshop import fields

#: WooCommerce order status -> ours. ``on-hold`` waits for a manual payment (bank
#: transfer): WooCommerce already holds the stock, so it counts as unpaid-but-reserved, as
#: ``pending``. ``completed`` is WooCommerce's "shipped/done"; ``refunded`` a full refund.
STATUS_MAP: dict[str, OrderStatus] = {
    "pending": OrderStatus.UNPAID,
    "on-hold": OrderStatus.UNPAID,
    "checkout-draft": OrderStatus.UNPAID,
    "processing": OrderStatus.TO_SHIP,
    "completed": OrderStatus.COMPLETED,
    "cancelled": OrderStatus.CANCELLED,
    "failed": OrderStatus.CANCELLED,
    "trash": OrderStatus.CANCELLED,
    "refunded": OrderStatus.RETURNED,
}

TRACKING_META = "_storesync_tracking"
SIMPLE = "0"


def money(value: Any) -> Decimal:
    """A WooCommerce money string ("12500.00", "", None) as an exact Decimal."""
    return fields.money(value, "WooCommerce")


def gmt(value: Any) -> datetime | None:
    """A ``date_*_gmt`` field as an aware UTC datetime."""
    return fields.utc(value, "WooCommerce")


def _stock(item: Mapping[str, Any]) -> int:
    qty = item.get("stock_quantity")
    if item.get("manage_stock") in (True, "parent") and isinstance(qty, int):
        return max(0, qty)
    return 0


def _active(status: Any) -> str:
    return "active" if status in ("publish", None) else "inactive"


def simple_listing(product: Mapping[str, Any]) -> ChannelListing:
    """A simple (or any non-variable) product as one listing."""
    return ChannelListing(
        platform_product_id=str(product["id"]),
        platform_variant_id=SIMPLE,
        platform_sku=str(product.get("sku") or ""),
        title=str(product.get("name") or ""),
        variant_name="",
        price=money(product.get("price") or product.get("regular_price")),
        stock=_stock(product),
        status=_active(product.get("status")),
        updated_at=gmt(product.get("date_modified_gmt")),
    )


def variation_listing(product: Mapping[str, Any], variation: Mapping[str, Any]) -> ChannelListing:
    """One variation of a variable product as a listing."""
    attrs = variation.get("attributes") or []
    name = " / ".join(str(a.get("option") or "") for a in attrs if isinstance(a, Mapping))
    return ChannelListing(
        platform_product_id=str(product["id"]),
        platform_variant_id=str(variation["id"]),
        platform_sku=str(variation.get("sku") or ""),
        title=str(product.get("name") or ""),
        variant_name=name,
        price=money(variation.get("price") or variation.get("regular_price")),
        stock=_stock(variation),
        status=_active(variation.get("status")),
        updated_at=gmt(variation.get("date_modified_gmt")),
    )


def _line(item: Mapping[str, Any]) -> ChannelOrderItem:
    qty = int(item.get("quantity") or 0)
    subtotal, total = money(item.get("subtotal")), money(item.get("total"))
    unit = (subtotal / qty).quantize(Decimal("0.01")) if qty else Decimal(0)
    return ChannelOrderItem(
        platform_item_id=str(item["id"]),
        platform_product_id=str(item.get("product_id") or ""),
        platform_variant_id=str(item.get("variation_id") or SIMPLE),
        platform_sku=str(item.get("sku") or ""),
        name=str(item.get("name") or ""),
        quantity=qty,
        unit_price=unit,
        discount=max(Decimal(0), subtotal - total),
    )


def _person(block: Any) -> str:
    if not isinstance(block, Mapping):
        return ""
    return " ".join(str(block.get(k) or "") for k in ("first_name", "last_name")).strip()


def _address(block: Any) -> str:
    if not isinstance(block, Mapping):
        return ""
    keys = ("address_1", "address_2", "city", "state", "postcode", "country")
    return ", ".join(str(block[k]) for k in keys if block.get(k))


def meta(order: Mapping[str, Any], key: str) -> str:
    """A ``meta_data`` value of an order ("" when absent)."""
    for entry in order.get("meta_data") or []:
        if isinstance(entry, Mapping) and entry.get("key") == key:
            return str(entry.get("value") or "")
    return ""


def order(data: Mapping[str, Any], status_map: Mapping[str, OrderStatus]) -> ChannelOrder:
    """A WooCommerce order as a :class:`ChannelOrder`."""
    try:
        oid, wc_status = str(data["id"]), str(data["status"])
        created = gmt(data["date_created_gmt"])
    except KeyError as exc:
        raise MalformedResponseError(f"WooCommerce order without {exc.args[0]}") from None
    if created is None:
        raise MalformedResponseError(f"WooCommerce order {oid} has no creation date")
    lines = tuple(_line(i) for i in data.get("line_items") or [] if isinstance(i, Mapping))
    shipping = data.get("shipping") or {}
    return ChannelOrder(
        platform_order_id=oid,
        status=status_map.get(wc_status, OrderStatus.UNPAID),
        platform_status=wc_status,
        created_at=created,
        updated_at=gmt(data.get("date_modified_gmt")) or created,
        items=lines,
        currency=str(data.get("currency") or "IDR"),
        buyer_name=_person(shipping) or _person(data.get("billing")),
        buyer_username=str((data.get("billing") or {}).get("email") or ""),
        shipping_address=_address(shipping) or _address(data.get("billing")),
        subtotal=sum((money(i.get("subtotal")) for i in data.get("line_items") or []), Decimal(0)),
        shipping_fee=money(data.get("shipping_total")),
        seller_discount=money(data.get("discount_total")),
        total=money(data.get("total")),
        paid_at=gmt(data.get("date_paid_gmt")),
        completed_at=gmt(data.get("date_completed_gmt")),
        shipped_at=gmt(data.get("date_completed_gmt")),
        tracking_number=meta(data, TRACKING_META),
    )
