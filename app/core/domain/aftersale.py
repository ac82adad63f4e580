"""Cancellations and returns as every layer sees them (docs/ARCHITECTURE.md, "Fulfilment").

A platform's cancel reasons and its return objects are turned into these by the adapters;
the return states are ours, each adapter maps its platform's statuses onto them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

__all__ = [
    "CancelReason",
    "CancelledBy",
    "ChannelReturn",
    "ChannelReturnItem",
    "ReturnState",
]


class CancelledBy(enum.StrEnum):
    """Who cancelled an order (Shopee ``cancel_by``, TikTok ``cancellation_initiator``)."""

    BUYER = "buyer"
    SELLER = "seller"
    SYSTEM = "system"
    OPERATOR = "operator"  # the marketplace's staff (Shopee "Ops", TikTok "OPERATOR")


class ReturnState(enum.StrEnum):
    """Where a return stands. Only a received one can be restocked or written off."""

    REQUESTED = "requested"  # the buyer asked; the seller or platform has not decided
    ACCEPTED = "accepted"  # approved: the buyer is to send the goods back
    SHIPPED_BACK = "shipped_back"  # the buyer sent them
    RECEIVED = "received"  # the goods reached the seller
    REFUNDED = "refunded"  # closed with a refund (goods received when goods_returned)
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    DISPUTED = "disputed"

    @property
    def received(self) -> bool:
        """Whether the goods are back (the seller decides restock or write-off)."""
        return self in (ReturnState.RECEIVED, ReturnState.REFUNDED)


@dataclass(frozen=True)
class CancelReason:
    """A reason the seller may give when cancelling; ``code`` is what the platform takes."""

    code: str
    label: str
    needs_items: bool = False  # Shopee OUT_OF_STOCK names the items out of stock


@dataclass(frozen=True)
class ChannelReturnItem:
    """Units of one order line the buyer returns.

    ``platform_product_id``/``platform_variant_id`` identify the order line as the order
    adapters do (Shopee item/model, TikTok product/SKU).
    """

    platform_product_id: str
    platform_variant_id: str
    quantity: int
    platform_sku: str = ""


@dataclass(frozen=True)
class ChannelReturn:
    """A return or refund request as a platform reports it."""

    platform_return_id: str
    platform_order_id: str
    state: ReturnState
    platform_status: str
    updated_at: datetime
    items: tuple[ChannelReturnItem, ...]
    reason: str = ""
    goods_returned: bool = True  # False for a refund without a return (nothing comes back)
