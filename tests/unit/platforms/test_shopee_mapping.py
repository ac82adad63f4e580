"""Pure Shopee JSON -> normalized record mapping and error classification."""

from __future__ import annotations

from datetime import UTC
from decimal import Decimal

import pytest

from app.core.domain import OrderStatus
from app.core.platforms.base import (
    AuthExpiredError,
    BadRequestError,
    PermissionDeniedError,
    RateLimitedError,
    ReauthorizationRequired,
    ServerError,
)
from app.core.platforms.shopee import mapping
from app.core.platforms.shopee.errors import DailyQuotaExceeded, error_for


@pytest.mark.parametrize(
    ("shopee", "ours"),
    [
        ("UNPAID", OrderStatus.UNPAID),
        ("READY_TO_SHIP", OrderStatus.TO_SHIP),
        ("PROCESSED", OrderStatus.TO_SHIP),
        ("RETRY_SHIP", OrderStatus.TO_SHIP),
        ("IN_CANCEL", OrderStatus.TO_SHIP),
        ("SHIPPED", OrderStatus.SHIPPED),
        ("TO_CONFIRM_RECEIVE", OrderStatus.SHIPPED),
        ("COMPLETED", OrderStatus.COMPLETED),
        ("CANCELLED", OrderStatus.CANCELLED),
        ("TO_RETURN", OrderStatus.RETURNED),
    ],
)
def test_order_status(shopee: str, ours: OrderStatus) -> None:
    assert mapping.order_status(shopee) is ours


def test_unknown_status_keeps_stock_reserved(caplog: pytest.LogCaptureFixture) -> None:
    assert mapping.order_status("SOMETHING_NEW") is OrderStatus.TO_SHIP
    assert "SOMETHING_NEW" in caplog.text


def test_money_is_exact() -> None:
    assert mapping.money(150000.0) == Decimal(150000)
    assert str(mapping.money(150000.0)) == "150000"
    assert mapping.money(12.1) == Decimal("12.1")
    assert mapping.money(None) == 0


def test_times_are_aware_utc() -> None:
    assert mapping.utc(1712601591).tzinfo is UTC
    assert mapping.utc(0) is None and mapping.utc(None) is None


def test_order_lines_aggregate_per_model() -> None:
    line = {
        "item_id": 5, "item_name": "Kaos", "model_id": 7, "model_name": "Hitam",
        "model_sku": "KAOS-01", "model_quantity_purchased": 1, "model_original_price": 50000,
        "model_discounted_price": 45000, "order_item_id": 5,
    }  # fmt: skip
    bundle = {**line, "model_discounted_price": 0, "model_quantity_purchased": 2}
    order = mapping.order_from_detail(
        {"order_sn": "X", "order_status": "COMPLETED", "create_time": 1, "update_time": 2,
         "item_list": [line, bundle], "total_amount": 150000, "pay_time": 1}
    )  # fmt: skip
    (item,) = order.items
    assert item.quantity == 3 and item.unit_price == Decimal(45000)
    assert item.platform_item_id == "5:7" and item.name == "Kaos (Hitam)"
    assert order.completed_at == mapping.utc(2)


@pytest.mark.parametrize(
    ("code", "message", "kind"),
    [
        ("invalid_acceess_token", "Invalid access_token, please have a check.", AuthExpiredError),
        ("error_auth", "Invalid access_token.", AuthExpiredError),
        ("error_auth", "Invalid refresh_token.", ReauthorizationRequired),
        ("error_auth", "System error, please try again later.", ServerError),
        ("error_auth", "Invalid partner_id or shopid.", PermissionDeniedError),
        ("error_auth", "Total stock must be more than reserved stock.", BadRequestError),
        ("common.error_auth", "No permission to current api.", PermissionDeniedError),
        ("shop_no_linked", "Partner and shop has no linked.", ReauthorizationRequired),
        ("error_sign", "Wrong sign.", PermissionDeniedError),
        ("error_rate_limit", "Too many requests.", RateLimitedError),
        ("error_server", "Something wrong.", ServerError),
        ("error_system_busy", "busy", ServerError),
        ("order.order_list_invalid_time", "15days", BadRequestError),
        ("error_limit", "daily limit", DailyQuotaExceeded),
    ],
)
def test_error_classification(code: str, message: str, kind: type) -> None:
    err = error_for(code, message, request_id="r1", http_status=200)
    assert type(err) is kind
    assert err.code == code and err.request_id == "r1"


def test_daily_quota_is_not_retried_in_place() -> None:
    err = error_for("error_limit", "quota", request_id=None, http_status=200)
    assert not err.retryable
    assert 0 < err.retry_after <= 86400
