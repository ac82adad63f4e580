"""Other PCs' (and processes') changes reach this window within seconds.

Every write bumps its area's change counter in its own transaction
(``app/core/services/changes.py``). :class:`ChangeWatcher` reads the counters every
``POLL_MS`` off the GUI thread (one tiny query) and reports the areas another writer
changed; the main window marks them dirty, and only the pages showing them refresh, the
way they do for this window's own engine events (docs/ARCHITECTURE.md, "Sync, platforms,
data safety"). This window's own writes are told apart and left to its engine events.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.services import changes
from app.core.services.changes import Snapshot
from app.gui.context import GuiContext

log = logging.getLogger(__name__)

#: how often the counters are read
POLL_MS = 2000


class ChangeWatcher(QObject):
    """Polls the change counters; ``changed(set[str])`` names the areas (page data kinds:
    orders, stock, products, listings, stores, leases) another writer changed."""

    changed = Signal(object)

    def __init__(self, gui: GuiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self._last: Snapshot | None = None
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._timer.start()
        self.poll()

    def poll(self) -> None:
        """Read the counters in the background (one read at a time)."""
        if self._busy:
            return
        self._busy = True
        ctx, hooks = self.gui.ctx, self.gui.changes
        self.gui.runner.run(
            lambda: changes.snapshot(ctx, hooks), self._got, self._failed, owner=self
        )

    def _got(self, now: Snapshot) -> None:
        self._busy = False
        before, self._last = self._last, now
        if before is None:
            return
        moved = changes.changed_areas(before, now)
        if moved:
            self.changed.emit(moved)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False  # a busy or restored database: the next poll tries again
        log.warning("reading the change counters failed: %s", exc)

    def stop(self) -> None:
        """No more polls (the window closes)."""
        self._timer.stop()
