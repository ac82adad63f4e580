"""Shopee cancellations and returns: the seller's cancel reasons, ``v2.order.cancel_order``,
``v2.returns.get_return_list`` / ``get_return_detail`` (reference §5.12, §5.13, §5.19).

Called by :class:`~app.core.platforms.shopee.adapter.ShopeeAdapter`; the calls go through
its client (signing, rate limit, typed errors).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from app.core.domain import CancelReason, ChannelReturn, ChannelReturnItem, ReturnState
from app.core.platforms.base import MalformedResponseError
from app.core.platforms.shopee.client import ShopeeClient
from app.core.platforms.shopee.records import MAX_ORDER_WINDOW_SECONDS, ShopAuth
from app.core.text import msg

# The seller's cancel reasons (reference §5.12 [C]); option "cancel_reasons" replaces them
# as [(code, label), ...]. UNDELIVERABLE_AREA is documented for TW/MY only.
CANCEL_REASONS: tuple[CancelReason, ...] = (
    CancelReason("OUT_OF_STOCK", msg("Out of stock"), needs_items=True),
    CancelReason("CUSTOMER_REQUEST", msg("The buyer asked to cancel")),
    CancelReason("UNDELIVERABLE_AREA", msg("Cannot deliver to the buyer's area")),
    CancelReason("COD_NOT_SUPPORTED", msg("Cash on delivery not supported")),
)

# Shopee return status -> ours (reference §5.19: the list is [U]; option
# "return_status_map" adds or replaces entries). Shopee shows no "received" of its own:
# COMPLETED closes a return whose goods came back (return_solution 0) or a refund only (1).
RETURN_STATES: dict[str, ReturnState] = {
    "REQUESTED": ReturnState.REQUESTED,
    "PROCESSING": ReturnState.ACCEPTED,
    "ACCEPTED": ReturnState.ACCEPTED,
    "JUDGING": ReturnState.DISPUTED,
    "SELLER_DISPUTE": ReturnState.DISPUTED,
    "COMPLETED": ReturnState.REFUNDED,
    "CANCELLED": ReturnState.CANCELLED,
    "CLOSED": ReturnState.CANCELLED,
}

CANCELLED_BY = {"buyer": "buyer", "seller": "seller", "system": "system", "ops": "operator"}

PAGE_SIZE = 100


def cancelled_by(value: Any) -> str:
    """Shopee's ``cancel_by`` (buyer/seller/system/Ops) as our CancelledBy value."""
    return CANCELLED_BY.get(str(value or "").strip().lower(), str(value or "").lower()[:20])


def cancel_reasons(options: Mapping[str, Any]) -> list[CancelReason]:
    """The reasons a seller may give, from the options when set."""
    given = options.get("cancel_reasons")
    if not given:
        return list(CANCEL_REASONS)
    return [
        CancelReason(str(code), str(label), needs_items=str(code) == "OUT_OF_STOCK")
        for code, label in given
    ]


async def cancel_order(
    client: ShopeeClient,
    auth: ShopAuth,
    order_sn: str,
    reason: str,
    items: Sequence[tuple[str, str, int]],
) -> None:
    """Cancel an unshipped order; OUT_OF_STOCK names the items (item_id, model_id)."""
    item_list = None
    if reason == "OUT_OF_STOCK":
        item_list = [{"item_id": int(p), "model_id": int(v or 0)} for p, v, _q in items]
    await client.cancel_order(auth, order_sn, reason, item_list)


async def list_returns(
    client: ShopeeClient,
    auth: ShopAuth,
    updated_from: datetime,
    updated_to: datetime,
    states: Mapping[str, ReturnState],
) -> list[ChannelReturn]:
    """Every return updated in the range, in 15-day windows, page by page."""
    out: list[ChannelReturn] = []
    start, end = int(updated_from.timestamp()), int(updated_to.timestamp())
    while start < end:
        w_end = min(end, start + MAX_ORDER_WINDOW_SECONDS)
        page = 1
        while True:
            env = await client.call(
                "GET",
                "returns/get_return_list",
                auth=auth,
                params={
                    "page_no": page,
                    "page_size": PAGE_SIZE,
                    "update_time_from": start,
                    "update_time_to": w_end,
                },
                safe_to_repeat=True,
            )
            data = client._required(env, "returns/get_return_list", {"more": bool})
            for raw in data.get("return") or []:
                if not raw.get("item"):  # a thin list entry: read the detail
                    raw = await _detail(client, auth, str(raw.get("return_sn")))
                out.append(return_from_json(raw, states))
            if not data.get("more"):
                break
            page += 1
        start = w_end
    return out


async def _detail(client: ShopeeClient, auth: ShopAuth, return_sn: str) -> dict[str, Any]:
    env = await client.call(
        "GET",
        "returns/get_return_detail",
        auth=auth,
        params={"return_sn": return_sn},
        safe_to_repeat=True,
    )
    return client._required(env, "returns/get_return_detail", {"return_sn": (str, int)})


def return_from_json(raw: Mapping[str, Any], states: Mapping[str, ReturnState]) -> ChannelReturn:
    """A normalized return from one list or detail entry."""
    try:
        sn, order_sn, status = str(raw["return_sn"]), str(raw["order_sn"]), str(raw["status"])
    except KeyError as exc:
        raise MalformedResponseError(f"Shopee return without {exc}") from None
    state = states.get(status)
    if state is None:
        raise MalformedResponseError(f"unknown Shopee return status {status!r}")
    items = tuple(
        ChannelReturnItem(
            platform_product_id=str(it.get("item_id")),
            platform_variant_id=str(it.get("model_id") or 0),
            quantity=int(it.get("amount") or 1),
            platform_sku=str(it.get("variation_sku") or it.get("item_sku") or ""),
        )
        for it in raw.get("item") or []
    )
    updated = int(raw.get("update_time") or raw.get("create_time") or 0)
    return ChannelReturn(
        platform_return_id=sn,
        platform_order_id=order_sn,
        state=state,
        platform_status=status,
        updated_at=datetime.fromtimestamp(updated, UTC),
        items=items,
        reason=str(raw.get("text_reason") or raw.get("reason") or ""),
        goods_returned=int(raw.get("return_solution") or 0) == 0,
    )
