"""Low-stock alerts to the tray: the commit hook's alerts (app/core/services/alerts.py)
posted as engine ``Alert`` events through the bridge, so they reach the tray notifier on
the GUI thread like every other alert (docs/ARCHITECTURE.md: the GUI learns through
engine events, turned into Qt signals in one place).

The hook fires for every writer in this process — the engine's order ingestion as much as
the seller's own adjustment in a dialog — so this listens to the workspace's hook rather
than to the engine."""

from __future__ import annotations

from collections.abc import Callable

from app.core.services.alerts import LowStockAlert, LowStockHooks
from app.core.sync.events import Alert
from app.gui.i18n import tr


def alert_event(a: LowStockAlert) -> Alert:
    """The tray notification of one alert (any thread: ``tr`` is thread-safe)."""
    return Alert(
        "low_stock",
        tr("Low stock: {sku}").format(sku=a.sku),
        tr("{sku} at {location}: {available} left (reorder point {point})").format(
            sku=a.sku, location=a.location_name, available=a.available, point=a.reorder_point
        ),
    )


def connect_low_stock(
    hooks: LowStockHooks | None, post: Callable[[Alert], None]
) -> Callable[[], None]:
    """Post every fired alert with ``post`` (the bridge's ``post_event``); returns the
    function that disconnects it again (for tests; the app keeps it until it exits)."""
    if hooks is None:
        return lambda: None

    def listener(fired: list[LowStockAlert]) -> None:
        for a in fired:
            post(alert_event(a))

    hooks.listeners.append(listener)

    def disconnect() -> None:
        if listener in hooks.listeners:
            hooks.listeners.remove(listener)

    return disconnect
