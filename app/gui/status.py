"""The engine's state in the status bar: syncing N stores, last sync, errors."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QWidget

from app.core.domain import StoreStatus
from app.core.services import stores
from app.core.services.context import ServiceContext
from app.core.sync.events import JobFinished, JobStarted, StoreStatusChanged
from app.gui.formatting import format_time_or_date
from app.gui.i18n import tr

_BAD = (StoreStatus.ERROR, StoreStatus.NEEDS_REAUTH, StoreStatus.DISCONNECTED)


class EngineStatus(QLabel):
    """Counts running jobs per store from engine events and shows one line."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("engineState")
        self.setAccessibleName(tr("Sync status"))
        self._ctx = ctx
        self._jobs: dict[int, int] = {}  # job id -> store id
        self._status: dict[int, StoreStatus] = {}
        self._last: datetime | None = None
        self.reload()

    def reload(self) -> None:
        """Read store statuses and the last sync time from the database."""
        rows = stores.list_stores(self._ctx)
        self._status = {s.id: s.status for s in rows}
        times = [s.last_synced_at for s in rows if s.last_synced_at]
        self._last = max(times) if times else None
        self.render()

    def on_job_started(self, ev: JobStarted) -> None:
        """A job began."""
        self._jobs[ev.job_id] = ev.store_id

    def on_job_finished(self, ev: JobFinished) -> None:
        """A job ended."""
        self._jobs.pop(ev.job_id, None)

    def on_store_status(self, ev: StoreStatusChanged) -> None:
        """A store's status changed."""
        self._status[ev.store_id] = ev.status
        if ev.last_synced_at and (self._last is None or ev.last_synced_at > self._last):
            self._last = ev.last_synced_at

    @property
    def syncing_stores(self) -> int:
        """Stores with a job running."""
        return len(set(self._jobs.values()))

    def render(self) -> None:
        """Update the text (called by the main window's coalescing timer)."""
        errors = sum(1 for s in self._status.values() if s in _BAD)
        n = self.syncing_stores
        if not self._status:
            parts = [tr("No store connected")]
        elif n:
            syncing = tr("Syncing {n} store") if n == 1 else tr("Syncing {n} stores")
            parts = [syncing.format(n=n)]
        else:
            parts = [tr("Idle")]
        if self._last:
            parts.append(tr("last sync {time}").format(time=format_time_or_date(self._last)))
        else:
            parts.append(tr("never synced"))
        if errors:
            # the English says "need" for one store too; kept as it was
            attention = (
                tr("{n} store need attention") if errors == 1 else tr("{n} stores need attention")
            )
            parts.append(attention.format(n=errors))
        state = "error" if errors else ("syncing" if n else "ok")
        text = " · ".join(parts)
        if text != self.text():
            self.setText(text)
        if self.property("state") != state:
            self.setProperty("state", state)
            self.style().unpolish(self)
            self.style().polish(self)
