"""The stores table: platform, status badge, last sync, token countdown, last error."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject

from app.core.domain import StoreStatus
from app.core.services.stores import StoreDTO
from app.gui.formatting import format_countdown, format_datetime, humanize
from app.gui.i18n import N_, tr, tr_cached
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

PLATFORM_LABELS = {  # brand names
    "shopee": "Shopee",
    "tiktok_shop": "TikTok Shop",
    "woocommerce": "WooCommerce",
}


def environment_label(environment: str) -> str:
    """``Production``, ``Platform sandbox``, ``StoreSync sandbox`` in the interface language."""
    labels = {
        "production": tr_cached("Production"),
        "platform_sandbox": tr_cached("Platform sandbox"),
        "local_sandbox": tr_cached("StoreSync sandbox"),
    }
    return labels.get(str(environment), str(environment))


def status_label(status: str) -> str:
    """``Idle``, ``Needs re-authorization``… in the interface language (per row: cached)."""
    labels = {
        StoreStatus.IDLE: tr_cached("Idle"),
        StoreStatus.SYNCING: tr_cached("Syncing"),
        StoreStatus.PAUSED: tr_cached("Paused"),
        StoreStatus.ERROR: tr_cached("Error"),
        StoreStatus.NEEDS_REAUTH: tr_cached("Needs re-authorization"),
        StoreStatus.DISCONNECTED: tr_cached("Disconnected"),
    }
    return labels.get(status) or humanize(status)


def token_expiry(store: StoreDTO) -> datetime | None:
    """When the store's authorization runs out (refresh token, else access token)."""
    return store.authorization_expires_at


def expiry_tooltip(store: StoreDTO) -> str:
    """Both expiries, labelled as ``storesync status`` labels them: the authorization (the
    seller acts) and the access token (renewed on its own)."""
    lines = [
        tr("Authorization expires: {when}").format(
            when=format_datetime(store.authorization_expires_at) or "—"
        ),
        tr("Access token expires: {when} (renewed automatically)").format(
            when=format_datetime(store.access_token_expires_at) or "—"
        ),
    ]
    return "\n".join(lines)


def status_text(store: StoreDTO) -> str:
    """``● Idle``: a badge in text, coloured by :data:`STATUS_COLOURS`."""
    return "● " + status_label(store.status)


def store_columns(now: Callable[[], datetime]) -> list[Column[StoreDTO]]:
    """Columns; ``now()`` gives the aware current time for the countdown. Titles are
    marked with N_(); the table model translates them in its header."""
    return [
        Column(N_("Store"), lambda s: s.name, "name", width=200),
        Column(
            N_("Platform"),
            lambda s: PLATFORM_LABELS.get(s.platform, humanize(s.platform)),
            "platform",
            width=110,
        ),
        Column(
            N_("Environment"),
            lambda s: environment_label(s.environment),
            "env",
            width=130,
        ),
        Column(
            N_("Status"),
            status_text,
            "status",
            raw=lambda s: str(s.status),
            color=lambda s: STATUS_COLOURS.get(s.status),
            tooltip=lambda s: s.status_reason or status_label(s.status),
            width=130,
        ),
        Column(
            N_("Last sync"),
            lambda s: format_datetime(s.last_synced_at) or tr_cached("never"),
            "last",
            raw=lambda s: s.last_synced_at,
            width=140,
        ),
        Column(
            N_("Authorization expires"),
            lambda s: format_countdown(token_expiry(s), now()) or "—",
            "token",
            raw=token_expiry,
            color=lambda s: _expiry_colour(s, now()),
            tooltip=expiry_tooltip,
            width=150,
        ),
        Column(
            N_("Last error"),
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
