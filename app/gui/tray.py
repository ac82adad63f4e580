"""System-tray icon and notifications: low stock, failed syncs, re-authorization.

Each kind can be turned off in Settings (``notify_*`` preferences). Where the platform has
no tray (offscreen tests, some Linux desktops) notifications go to the status bar only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from app.core.domain import JobStatus
from app.core.services.context import ServiceContext
from app.core.settings import (
    NOTIFY_LOW_STOCK,
    NOTIFY_REAUTH,
    NOTIFY_SYNC_FAILED,
    SettingDef,
    get_setting,
)
from app.core.sync.events import Alert, JobFinished
from app.gui.i18n import tr

log = logging.getLogger(__name__)

# Alert kinds → the preference that turns them off (drift has none: it is always shown).
SETTING_FOR_KIND: dict[str, SettingDef[bool]] = {
    "low_stock": NOTIFY_LOW_STOCK,
    "sync_failed": NOTIFY_SYNC_FAILED,
    "reauth": NOTIFY_REAUTH,
}


def app_icon() -> QIcon:
    """A simple drawn icon (a blue rounded square with an S), no image files needed."""
    pix = QPixmap(64, 64)
    pix.fill(QColor(0, 0, 0, 0))
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor("#3B82F6"))
    p.setPen(QColor("#3B82F6"))
    p.drawRoundedRect(4, 4, 56, 56, 14, 14)
    p.setPen(QColor("#FFFFFF"))
    font = p.font()
    font.setPixelSize(40)
    font.setBold(True)
    p.setFont(font)
    p.drawText(pix.rect(), 0x84, "S")  # AlignCenter
    p.end()
    return QIcon(pix)


class TrayNotifier(QObject):
    """Turns alerts into tray balloons, honouring the notification preferences.

    Signals:
        notified(str, str): a notification was shown (title, message); the main window
            also puts it in the status bar.
        show_requested(): the tray icon or its menu asked to raise the window.
    """

    notified = Signal(str, str)
    show_requested = Signal()

    def __init__(
        self,
        ctx: ServiceContext,
        store_name: Callable[[int], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._store_name = store_name
        self._enabled: dict[str, bool] = {}
        self.reload_preferences()
        self.icon: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon = QSystemTrayIcon(app_icon(), self)
            self.icon.setToolTip("StoreSync")
            menu = QMenu()
            menu.addAction(tr("Open StoreSync"), self.show_requested.emit)
            self.icon.setContextMenu(menu)
            self._menu = menu
            self.icon.activated.connect(lambda _r: self.show_requested.emit())
            self.icon.show()

    def reload_preferences(self) -> None:
        """Re-read the notify_* settings (after Settings was saved)."""
        for kind, setting in SETTING_FOR_KIND.items():
            try:
                self._enabled[kind] = get_setting(self._ctx, setting)
            except Exception:
                log.warning("could not read %s", setting.key, exc_info=True)
                self._enabled[kind] = True

    def enabled(self, kind: str) -> bool:
        """Whether alerts of ``kind`` are shown."""
        return self._enabled.get(kind, True)

    def on_alert(self, alert: Alert) -> None:
        """Show an engine alert unless its kind is turned off."""
        if self.enabled(alert.kind):
            self.notify(alert.title, alert.message, alert.kind)

    def on_job_finished(self, ev: JobFinished) -> None:
        """A failed job is a sync-failed notification (when the engine sends no Alert)."""
        if ev.status == JobStatus.FAILED and self.enabled("sync_failed"):
            store = self._store_name(ev.store_id)
            title = tr("Sync failed: {store}").format(store=store)
            message = ev.error or tr("{kind} job failed").format(kind=ev.kind)
            self.notify(title, message, "sync_failed")

    def notify(self, title: str, message: str, kind: str = "") -> None:
        """Show a balloon (when there is a tray) and tell the main window."""
        if self.icon is not None:
            icon = (
                QSystemTrayIcon.MessageIcon.Critical
                if kind in ("sync_failed", "reauth")
                else QSystemTrayIcon.MessageIcon.Warning
            )
            self.icon.showMessage(title, message, icon, 8000)
        self.notified.emit(title, message)
