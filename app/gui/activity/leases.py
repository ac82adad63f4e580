"""Sync activity's "who syncs each store" line: the PC (and process) holding each store's
lease, so a team sees which PC runs a store's jobs (store leases: services/leases.py).

Read off the GUI thread when a lease moves (the ``leases`` change counter, any PC), when
the page reloads, and every ``REFRESH_MS`` while shown (a holder that died stops being
live without writing anything).
"""

from __future__ import annotations

import os
import socket

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from app.core.services import leases
from app.core.services import stores as store_service
from app.core.sync.credentials import CredentialVault
from app.gui.context import GuiContext
from app.gui.i18n import tr

REFRESH_MS = 10_000


def lease_text(
    name: str, lease: leases.LeaseDTO | None, here: str, credentials_here: bool = True
) -> str:
    """One store's line, e.g. ``Toko A: synced by PC-2 pid 4242 #1a2b3c4d``; a store
    nobody holds whose credentials this PC lacks says so (an engine takes a store's lease
    only with its credentials: app/core/sync/leases.py)."""
    if lease is None or not lease.live:
        if not credentials_here:
            return tr(
                "{store}: not synced: its credentials are on another PC "
                "(connect it here to sync from this PC)"
            ).format(store=name)
        return tr("{store}: no StoreSync syncs it right now").format(store=name)
    if lease.holder.startswith(here):
        return tr("{store}: synced here ({holder})").format(store=name, holder=lease.holder)
    return tr("{store}: synced by {holder}").format(store=name, holder=lease.holder)


class LeaseLine(QLabel):
    """Which PC holds each store's lease, one line per store."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.setObjectName("hint")
        self.setAccessibleName(tr("Which PC syncs each store"))
        self.setVisible(False)
        self._here = f"{socket.gethostname()} pid {os.getpid()} "
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        if self.window().isVisible() and self.parentWidget() and self.parentWidget().isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read the leases again in the background."""
        if self._busy:
            return
        self._busy = True
        ctx = self.gui.ctx

        secrets = self.gui.secrets
        vault = None if secrets is None else CredentialVault(secrets)

        def here(st: store_service.StoreDTO, lease: leases.LeaseDTO | None) -> bool:
            if vault is None or (lease is not None and lease.live):
                return True  # only an unheld store is asked about (a keychain read)
            return vault.has_credentials(st)

        def read() -> list[str]:
            held = leases.list_leases(ctx)
            return [
                lease_text(st.name, held.get(st.id), self._here, here(st, held.get(st.id)))
                for st in store_service.list_stores(ctx)
            ]

        self.gui.runner.run(read, self._show, self._failed, owner=self)

    def _show(self, lines: list[str]) -> None:
        self._busy = False
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))

    def _failed(self, _exc: BaseException) -> None:
        self._busy = False  # the next refresh tries again
