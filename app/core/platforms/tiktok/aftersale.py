"""TikTok Shop cancellations and returns (reference §5.6): the seller's cancel reasons,
``POST /return_refund/202309/cancellations``, ``POST /return_refund/202309/returns/search``.

Called by :class:`~app.core.platforms.tiktok.adapter.TikTokAdapter` through its client.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from app.core.domain import CancelReason, ChannelReturn, ChannelReturnItem, ReturnState
from app.core.platforms.base import MalformedResponseError
from app.core.platforms.tiktok.client import TikTokClient
from app.core.text import msg

# [uncertain] The reference documents the cancel call but not the seller's reason codes,
# and reject_reasons lists reasons to *reject* a buyer's request (it needs a request id),
# so the codes are an option: "cancel_reasons" = [(code, label), ...] replaces these.
CANCEL_REASONS: tuple[CancelReason, ...] = (
    CancelReason("seller_cancel_reason_out_of_stock", msg("Out of stock")),
    CancelReason("seller_cancel_reason_wrong_price", msg("Pricing error")),
    CancelReason(
        "seller_cancel_paid_reason_address_not_deliver", msg("Cannot deliver to the buyer's area")
    ),
    CancelReason(
        "seller_cancel_paid_reason_buyer_requested_cancellation",
        msg("The buyer asked to cancel"),
    ),
)

# TikTok return status -> ours (reference §5.6; option "return_status_map" adds entries).
# SUCCESS/COMPLETE close it with a refund: for RETURN_AND_REFUND the package was received.
RETURN_STATES: dict[str, ReturnState] = {
    "RETURN_OR_REFUND_REQUEST_PENDING": ReturnState.REQUESTED,
    "AWAITING_BUYER_RESPONSE": ReturnState.REQUESTED,
    "REFUND_OR_RETURN_REQUEST_REJECT": ReturnState.REJECTED,
    "RETURN_OR_REFUND_REQUEST_REJECT": ReturnState.REJECTED,
    "AWAITING_BUYER_SHIP": ReturnState.ACCEPTED,
    "BUYER_SHIPPED_ITEM": ReturnState.SHIPPED_BACK,
    "REJECT_RECEIVE_PACKAGE": ReturnState.DISPUTED,
    "RETURN_OR_REFUND_REQUEST_SUCCESS": ReturnState.REFUNDED,
    "RETURN_OR_REFUND_REQUEST_CANCEL": ReturnState.CANCELLED,
    "RETURN_OR_REFUND_REQUEST_COMPLETE": ReturnState.REFUNDED,
}

CANCELLED_BY = {"BUYER": "buyer", "SELLER": "seller", "SYSTEM": "system", "OPERATOR": "operator"}


def cancelled_by(value: Any) -> str:
    """``cancellation_initiator`` (SELLER/BUYER/SYSTEM) as our CancelledBy value."""
    text = str(value or "").strip().upper()
    return CANCELLED_BY.get(text, text.lower()[:20])


def cancel_reasons(options: Mapping[str, Any]) -> list[CancelReason]:
    """The reasons a seller may give, from the options when set."""
    given = options.get("cancel_reasons")
    if not given:
        return list(CANCEL_REASONS)
    return [CancelReason(str(code), str(label)) for code, label in given]


async def cancel_order(
    client: TikTokClient, order_id: str, reason: str, items: Sequence[tuple[str, str, int]]
) -> None:
    """Cancel the whole order (its SKUs are named, as Cancel Order takes them)."""
    skus = [{"sku_id": v, "quantity": q} for _p, v, q in items if v]
    await client.cancel_order(order_id, reason, skus)


async def list_returns(
    client: TikTokClient,
    updated_from: datetime,
    updated_to: datetime,
    states: Mapping[str, ReturnState],
) -> list[ChannelReturn]:
    """Every return updated in ``[from, to)``, page by page."""
    out, token = [], None
    while True:
        page = await client.search_returns(
            update_time_ge=int(updated_from.timestamp()),
            update_time_lt=int(updated_to.timestamp()),
            page_token=token,
        )
        out.extend(return_from_json(r, states) for r in page.items)
        token = page.next_page_token
        if not token:
            return out


def return_from_json(raw: Mapping[str, Any], states: Mapping[str, ReturnState]) -> ChannelReturn:
    """A normalized return; its per-unit lines become quantities per SKU."""
    try:
        rid, order_id, status = (
            str(raw["return_id"]),
            str(raw["order_id"]),
            str(raw["return_status"]),
        )
    except KeyError as exc:
        raise MalformedResponseError(f"TikTok return without {exc}") from None
    state = states.get(status)
    if state is None:
        raise MalformedResponseError(f"unknown TikTok return status {status!r}")
    lines = raw.get("return_line_items") or []
    units = Counter(str(li.get("sku_id")) for li in lines)
    sku_of = {str(li.get("sku_id")): str(li.get("seller_sku") or "") for li in lines}
    return ChannelReturn(
        platform_return_id=rid,
        platform_order_id=order_id,
        state=state,
        platform_status=status,
        updated_at=datetime.fromtimestamp(
            int(raw.get("update_time") or raw.get("create_time") or 0), UTC
        ),
        items=tuple(
            ChannelReturnItem("", sku, qty, sku_of.get(sku, "")) for sku, qty in units.items()
        ),
        reason=str(raw.get("return_reason_text") or raw.get("return_reason") or ""),
        goods_returned=str(raw.get("return_type") or "") != "REFUND",
    )
