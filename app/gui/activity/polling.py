"""Sync activity's per-store polling line: how often each store's orders are fetched now,
why, and the API calls it spent in the last minute (adaptive polling, services/polling.py).

Fed by the engine's ``PollingChanged`` events; the page repaints it on its own timer, so a
burst of decisions costs one repaint.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QWidget

from app.core.sync.events import PollingChanged
from app.gui.i18n import N_, tr, tr_cached

REASONS = {
    "orders": N_("orders flowing"),
    "low_shared": N_("shared stock low"),
    "quiet": N_("quiet"),
    "budget": N_("saving API quota"),
}


def polling_text(name: str, ev: PollingChanged) -> str:
    """One store's line, e.g. ``Toko A: orders every 12 s · 34 calls/min (orders flowing)``."""
    reason = REASONS.get(ev.reason)
    return tr("{store}: orders every {seconds} s · {calls} calls/min ({why})").format(
        store=name,
        seconds=f"{ev.interval_s:g}",
        calls=ev.calls_per_minute,
        why=tr_cached(reason) if reason else ev.reason,
    )


class PollingLine(QLabel):
    """The latest polling decision of every store, one line each."""

    def __init__(self, store_name: Callable[[int], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hint")
        self.setAccessibleName(tr("Order polling per store"))
        self._store_name = store_name
        self._latest: dict[int, PollingChanged] = {}
        self._dirty = False
        self.setVisible(False)

    def on_event(self, ev: object) -> None:
        """An engine event (any kind; only polling decisions matter here)."""
        if isinstance(ev, PollingChanged):
            self._latest[ev.store_id] = ev
            self._dirty = True

    def repaint_if_changed(self) -> None:
        """Show what changed since the last call."""
        if not self._dirty:
            return
        self._dirty = False
        lines = [
            polling_text(self._store_name(sid), ev) for sid, ev in sorted(self._latest.items())
        ]
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))
