"""Shopee v2 call records and published limits, shared by the client and the adapter.

The typed values the client returns and takes (grants, pages, stock and price entries,
batch results, rendered documents), the batch and window limits the adapter must respect,
and small helpers to batch ids and to render IDR amounts as JSON.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

# Published limits (reference §7 item 10).
MAX_PAGE_SIZE = 100
MAX_ITEM_IDS = 50
MAX_ORDER_SNS = 50
MAX_STOCK_MODELS = 50
MAX_PRICE_MODELS = 50
MAX_DOCUMENT_ORDERS = 50
MAX_ORDER_WINDOW_SECONDS = 15 * 86400


# --------------------------------------------------------------------------- small records


@dataclass(frozen=True)
class ShopAuth:
    """What a Shop API call needs: the shop id and its current access token (secret)."""

    shop_id: int
    access_token: str

    def __repr__(self) -> str:
        return f"ShopAuth(shop_id={self.shop_id}, access_token='***')"


@dataclass(frozen=True)
class TokenGrant:
    """Tokens from ``auth/token/get`` or ``auth/access_token/get``, expiry as UTC datetime."""

    access_token: str
    refresh_token: str
    access_expires_at: datetime
    shop_id: int | None = None
    merchant_id_list: tuple[int, ...] = ()
    shop_id_list: tuple[int, ...] = ()

    def __repr__(self) -> str:
        return (
            f"TokenGrant(access_token='***', refresh_token='***', "
            f"access_expires_at={self.access_expires_at!r}, shop_id={self.shop_id!r})"
        )


@dataclass(frozen=True)
class Envelope:
    """A parsed Shopee response: the payload plus envelope metadata."""

    payload: Any
    request_id: str = ""
    warning: Any = None
    error: str = ""
    message: str = ""


@dataclass(frozen=True)
class ItemPage:
    """One page of ``product/get_item_list``."""

    items: list[dict[str, Any]]
    total_count: int
    has_next_page: bool
    next_offset: int


@dataclass(frozen=True)
class OrderListPage:
    """One page of ``order/get_order_list``; ``next_cursor`` is "" at the end."""

    orders: list[dict[str, Any]]
    more: bool
    next_cursor: str


@dataclass(frozen=True)
class StockEntry:
    """One model's new absolute stock. ``model_id`` 0 for an item without models."""

    model_id: int
    stock: int
    location_id: str | None = None  # only for multi-warehouse shops


@dataclass(frozen=True)
class PriceEntry:
    """One model's new original price. ``model_id`` 0 for an item without models."""

    model_id: int
    price: Decimal


@dataclass
class BatchResult:
    """Merged ``success_list``/``failure_list`` of a batched update (partial success is normal)."""

    success_list: list[dict[str, Any]] = field(default_factory=list)
    failure_list: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Document:
    """A downloaded shipping document (usually PDF)."""

    content_type: str
    data: bytes


# --------------------------------------------------------------------------- helpers


def chunked(values: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    """Split ``values`` into consecutive slices of at most ``size``."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def money_json(value: Decimal) -> int | float:
    """A price as Shopee wants it: an integer for IDR-like currencies, else a 2-decimal float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value.quantize(Decimal("0.01")))
