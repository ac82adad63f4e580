"""The stores table: platform, status badge, last sync, token countdown, last error."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject

from app.core.enums import StoreStatus
from app.core.services.stores import StoreDTO
from app.gui.formatting import format_countdown, format_datetime, humanize
from app.gui.widgets.columns import ERROR, MUTED, PRIMARY, SUCCESS, WARNING, Column
from app.gui.widgets.rows_model import RowsTableModel

STATUS_COLOURS = {
    StoreStatus.IDLE: SUCCESS,
    StoreStatus.SYNCING: PRIMARY,
    StoreStatus.PAUSED: MUTED,
    StoreStatus.ERROR: ERROR,
    StoreStatus.NEEDS_REAUTH: ERROR,
    StoreStatus.DISCONNECTED: ERROR,
}

ENVIRONMENT_LABELS = {
    "production": "Production",
    "platform_sandbox": "Platform sandbox",
    "local_sandbox": "StoreSync sandbox",
}

PLATFORM_LABELS = {"shopee": "Shopee", "tiktok_shop": "TikTok Shop"}


def token_expiry(store: StoreDTO) -> datetime | None:
    """When the store's authorization runs out (refresh token, else access token)."""
    return store.refresh_token_expires_at or store.access_token_expires_at


def status_text(store: StoreDTO) -> str:
    """``● Idle``: a badge in text, coloured by :data:`STATUS_COLOURS`."""
    return "● " + humanize(store.status)


def store_columns(now: Callable[[], datetime]) -> list[Column[StoreDTO]]:
    """Columns; ``now()`` gives the aware current time for the countdown."""
    return [
        Column("Store", lambda s: s.name, "name", width=200),
        Column(
            "Platform",
            lambda s: PLATFORM_LABELS.get(s.platform, humanize(s.platform)),
            "platform",
            width=110,
        ),
        Column(
            "Environment",
            lambda s: ENVIRONMENT_LABELS.get(s.environment, s.environment),
            "env",
            width=130,
        ),
        Column(
            "Status",
            status_text,
            "status",
            raw=lambda s: str(s.status),
            color=lambda s: STATUS_COLOURS.get(s.status),
            tooltip=lambda s: s.status_reason or humanize(s.status),
            width=130,
        ),
        Column(
            "Last sync",
            lambda s: format_datetime(s.last_synced_at) or "never",
            "last",
            raw=lambda s: s.last_synced_at,
            width=140,
        ),
        Column(
            "Authorization",
            lambda s: format_countdown(token_expiry(s), now()) or "—",
            "token",
            raw=token_expiry,
            color=lambda s: _expiry_colour(s, now()),
            tooltip=lambda s: format_datetime(token_expiry(s)),
            width=150,
        ),
        Column(
            "Last error",
            lambda s: s.status_reason,
            "reason",
            color=lambda s: ERROR if s.status_reason else None,
            tooltip=lambda s: s.status_reason or None,
            width=260,
        ),
    ]


def _expiry_colour(store: StoreDTO, now: datetime) -> str | None:
    until = token_expiry(store)
    if until is None:
        return None
    days = (until - now).total_seconds() / 86400
    if days < 0:
        return ERROR
    return WARNING if days < 7 else None


def make_stores_model(
    now: Callable[[], datetime], parent: QObject | None = None
) -> RowsTableModel[StoreDTO]:
    """The stores table model."""
    return RowsTableModel(store_columns(now), parent=parent)
