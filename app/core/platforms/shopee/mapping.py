"""Pure functions from Shopee JSON to our normalized records (no I/O, easy to unit test).

Money arrives as JSON numbers (integers for IDR, floats elsewhere) and becomes ``Decimal``
through ``str`` so no float rounding leaks in; times are epoch seconds and become aware UTC
datetimes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from app.core.domain import (
    ChannelListing,
    ChannelOrder,
    ChannelOrderItem,
    OrderFees,
    OrderStatus,
    WarehouseStock,
)
from app.core.platforms.base import MalformedResponseError
from app.core.platforms.shopee.aftersale import cancelled_by

log = logging.getLogger(__name__)

# Shopee order status -> ours (reference §5.12). IN_CANCEL still holds the stock: the
# cancellation may be refused. PENDING and INVOICE_PENDING are paid orders on hold.
ORDER_STATUS: dict[str, OrderStatus] = {
    "UNPAID": OrderStatus.UNPAID,
    "PENDING": OrderStatus.TO_SHIP,
    "INVOICE_PENDING": OrderStatus.TO_SHIP,
    "READY_TO_SHIP": OrderStatus.TO_SHIP,
    "PROCESSED": OrderStatus.TO_SHIP,
    "RETRY_SHIP": OrderStatus.TO_SHIP,
    "IN_CANCEL": OrderStatus.TO_SHIP,
    "SHIPPED": OrderStatus.SHIPPED,
    "TO_CONFIRM_RECEIVE": OrderStatus.SHIPPED,
    "COMPLETED": OrderStatus.COMPLETED,
    "CANCELLED": OrderStatus.CANCELLED,
    "TO_RETURN": OrderStatus.RETURNED,
}

ITEM_STATUS: dict[str, str] = {
    "NORMAL": "active",
    "UNLIST": "inactive",
    "REVIEWING": "inactive",
    "BANNED": "banned",
    "SELLER_DELETE": "deleted",
    "SHOPEE_DELETE": "deleted",
}

# Escrow fee fields beyond commission/service/transaction that the seller pays.
_OTHER_FEE_FIELDS = (
    "campaign_fee",
    "order_ams_commission_fee",
    "seller_order_processing_fee",
    "escrow_tax",
    "withholding_tax",
    "reverse_shipping_fee",
    "final_return_to_seller_shipping_fee",
    "shipping_seller_protection_fee_amount",
    "delivery_seller_protection_fee_premium_amount",
    "fbs_fee",
)


def money(value: Any) -> Decimal:
    """A JSON number (or numeric string) as an exact Decimal; missing/null is 0."""
    if value is None or value == "":
        return Decimal(0)
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # IDR arrives as 150000.0; keep Decimal("150000"), not "150000.0"
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise MalformedResponseError(f"not a money amount: {value!r}") from None


def utc(ts: Any) -> datetime | None:
    """Epoch seconds as an aware UTC datetime; 0/null means "not happened" (None)."""
    if not ts:
        return None
    return datetime.fromtimestamp(int(ts), UTC)


def order_status(platform_status: str) -> OrderStatus:
    """Our status for a Shopee order status.

    An unknown (new) status keeps the stock reserved (TO_SHIP) rather than releasing it:
    overselling is worse than a briefly low count.
    """
    status = ORDER_STATUS.get(platform_status)
    if status is None:
        log.warning("unknown Shopee order status %r, treated as to_ship", platform_status)
        return OrderStatus.TO_SHIP
    return status


# --------------------------------------------------------------------------- listings


def _price(price_info: Iterable[Mapping[str, Any]] | None) -> Decimal:
    """The seller's own price (original_price, what update_price sets), not a promo price."""
    for entry in price_info or ():
        return money(entry.get("original_price", entry.get("current_price")))
    return Decimal(0)


def _stock(stock_info: Mapping[str, Any] | None) -> tuple[int, tuple[WarehouseStock, ...]]:
    """Total seller stock and its split per location (``""`` for single-warehouse shops).

    We read ``seller_stock`` because that is the number update_stock writes; the summary's
    reserved count belongs to the whole listing, so it is put on the first location.
    """
    info = stock_info or {}
    summary = info.get("summary_info") or {}
    reserved = int(summary.get("total_reserved_stock") or 0)
    warehouses = []
    for i, entry in enumerate(info.get("seller_stock") or ()):
        warehouses.append(
            WarehouseStock(
                warehouse_id=str(entry.get("location_id") or ""),
                available=int(entry.get("stock") or 0),
                reserved=reserved if i == 0 else 0,
            )
        )
    total = sum(w.available for w in warehouses)
    if not warehouses:
        total = int(summary.get("total_available_stock") or 0)
    return total, tuple(warehouses)


def listing_from_item(item: Mapping[str, Any]) -> ChannelListing:
    """The single listing of an item without models (``platform_variant_id`` "0")."""
    stock, warehouses = _stock(item.get("stock_info_v2"))
    return ChannelListing(
        platform_product_id=str(item["item_id"]),
        platform_variant_id="0",
        platform_sku=str(item.get("item_sku") or ""),
        title=str(item.get("item_name") or ""),
        variant_name="",
        price=_price(item.get("price_info")),
        stock=stock,
        warehouses=warehouses,
        status=ITEM_STATUS.get(str(item.get("item_status")), "inactive"),
        updated_at=utc(item.get("update_time")),
    )


def variant_name(tier_variation: list[Mapping[str, Any]], tier_index: list[int]) -> str:
    """Option names of a model joined with "," (e.g. "Hitam,XL"), like order lines show."""
    names = []
    for tier, idx in zip(tier_variation, tier_index, strict=False):
        options = tier.get("option_list") or []
        if 0 <= idx < len(options):
            names.append(str(options[idx].get("option") or ""))
    return ",".join(n for n in names if n)


def listings_from_models(
    item: Mapping[str, Any], models: Mapping[str, Any]
) -> list[ChannelListing]:
    """One listing per model of an item with variations."""
    tiers = list(models.get("tier_variation") or [])
    item_status = ITEM_STATUS.get(str(item.get("item_status")), "inactive")
    out = []
    for model in models.get("model") or []:
        stock, warehouses = _stock(model.get("stock_info_v2"))
        normal = model.get("model_status", "MODEL_NORMAL") == "MODEL_NORMAL"
        out.append(
            ChannelListing(
                platform_product_id=str(item["item_id"]),
                platform_variant_id=str(model["model_id"]),
                platform_sku=str(model.get("model_sku") or ""),
                title=str(item.get("item_name") or ""),
                variant_name=variant_name(tiers, list(model.get("tier_index") or [])),
                price=_price(model.get("price_info")),
                stock=stock,
                warehouses=warehouses,
                status=item_status if normal else "inactive",
                updated_at=utc(item.get("update_time")),
            )
        )
    return out


# --------------------------------------------------------------------------- orders


def _order_items(lines: Iterable[Mapping[str, Any]]) -> tuple[ChannelOrderItem, ...]:
    """Order lines aggregated per (item, model).

    Shopee's ``order_item_id`` can equal the item id for every model of that item, so the
    line key is ``order_item_id:model_id`` to stay unique within the order.
    """
    merged: dict[tuple[str, str], ChannelOrderItem] = {}
    for line in lines:
        item_id, model_id = str(line.get("item_id")), str(line.get("model_id") or 0)
        qty = int(line.get("model_quantity_purchased") or 0)
        discounted = money(line.get("model_discounted_price"))
        # model_discounted_price is 0 for bundle-deal lines; fall back to the list price.
        unit = discounted if discounted > 0 else money(line.get("model_original_price"))
        key = (item_id, model_id)
        if key in merged:
            prev = merged[key]
            merged[key] = ChannelOrderItem(**{**prev.__dict__, "quantity": prev.quantity + qty})
            continue
        model_name = str(line.get("model_name") or "")
        name = str(line.get("item_name") or "")
        merged[key] = ChannelOrderItem(
            platform_item_id=f"{line.get('order_item_id') or item_id}:{model_id}",
            platform_product_id=item_id,
            platform_variant_id=model_id,
            platform_sku=str(line.get("model_sku") or line.get("item_sku") or ""),
            name=f"{name} ({model_name})" if model_name else name,
            quantity=qty,
            unit_price=unit,
        )
    return tuple(merged.values())


def _address(addr: Mapping[str, Any] | None) -> str:
    if not addr:
        return ""
    parts = [addr.get("full_address"), addr.get("city"), addr.get("state"), addr.get("zipcode")]
    return ", ".join(str(p) for p in parts if p)


def order_from_detail(detail: Mapping[str, Any]) -> ChannelOrder:
    """A normalized order from one ``get_order_detail`` entry (with our optional fields)."""
    try:
        sn = str(detail["order_sn"])
        platform_status = str(detail["order_status"])
        created = utc(detail["create_time"])
    except KeyError as exc:
        raise MalformedResponseError(f"order detail without {exc}") from None
    items = _order_items(detail.get("item_list") or [])
    subtotal = sum((i.unit_price * i.quantity for i in items), Decimal(0))
    total = money(detail.get("total_amount"))
    status = order_status(platform_status)
    updated = utc(detail.get("update_time")) or created
    address = detail.get("recipient_address") or {}
    return ChannelOrder(
        platform_order_id=sn,
        status=status,
        platform_status=platform_status,
        created_at=created or datetime.fromtimestamp(0, UTC),
        updated_at=updated or datetime.fromtimestamp(0, UTC),
        items=items,
        currency=str(detail.get("currency") or "IDR"),
        buyer_name=str(address.get("name") or ""),
        buyer_username=str(detail.get("buyer_username") or ""),
        shipping_address=_address(address),
        subtotal=subtotal,
        # Order detail carries no buyer-paid shipping field; what the buyer paid beyond the
        # goods is the best estimate here (escrow detail has the exact split).
        shipping_fee=max(total - subtotal, Decimal(0)) if total else Decimal(0),
        total=total,
        paid_at=utc(detail.get("pay_time")),
        shipped_at=utc(detail.get("pickup_done_time")),
        completed_at=updated if status is OrderStatus.COMPLETED else None,
        cancel_reason=str(detail.get("cancel_reason") or detail.get("buyer_cancel_reason") or ""),
        cancelled_by=cancelled_by(detail.get("cancel_by"))
        if status is OrderStatus.CANCELLED
        else "",
    )


# --------------------------------------------------------------------------- fees


def fees_from_escrow(order_sn: str, escrow: Mapping[str, Any], *, final: bool) -> OrderFees:
    """Fees and payout of one order from ``payment/get_escrow_detail``."""
    income = escrow.get("order_income") or {}
    shipping_subsidy = (
        money(income.get("actual_shipping_fee"))
        - money(income.get("buyer_paid_shipping_fee"))
        - money(income.get("shopee_shipping_rebate"))
        - money(income.get("shipping_fee_discount_from_3pl"))
    )
    return OrderFees(
        platform_order_id=order_sn,
        commission_fee=money(income.get("commission_fee")),
        service_fee=money(income.get("service_fee")),
        transaction_fee=money(income.get("seller_transaction_fee")),
        shipping_subsidy=shipping_subsidy,
        other_fees=sum((money(income.get(f)) for f in _OTHER_FEE_FIELDS), Decimal(0)),
        payout=money(income.get("escrow_amount")),
        final=final,
    )
