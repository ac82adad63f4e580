"""The one place where the sync engine's plain events become Qt signals (STYLE practice 3).

The engine runs an asyncio loop in its own thread and calls :meth:`EngineBridge.post_event`
from there. Signals emitted from another thread reach slots of objects living on the GUI
thread through queued connections, so no engine code ever touches a widget. Results of
engine calls (``concurrent.futures.Future``) come back the same way through :meth:`watch`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

from app.core.sync.events import (
    Alert,
    DataChanged,
    Event,
    JobFinished,
    JobProgress,
    JobStarted,
    StoreStatusChanged,
)
from app.gui.i18n import tr

log = logging.getLogger(__name__)
T = TypeVar("T")


class EngineBridge(QObject):
    """Adapts engine events to typed signals; every payload is a frozen dataclass.

    Signals:
        engine_event(Event): every event, as emitted.
        job_started(JobStarted), job_progress(JobProgress), job_finished(JobFinished),
        data_changed(DataChanged), store_status_changed(StoreStatusChanged),
        alert_raised(Alert): the same events, split by type.
    """

    engine_event = Signal(object)
    job_started = Signal(object)
    job_progress = Signal(object)
    job_finished = Signal(object)
    data_changed = Signal(object)
    store_status_changed = Signal(object)
    alert_raised = Signal(object)
    _event = Signal(object)
    _deliver = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._event.connect(self._on_event)
        self._deliver.connect(self._on_deliver)
        self._closed = False

    def post_event(self, event: Event) -> None:
        """The engine's ``emit`` callback: safe to call from any thread."""
        if self._closed:
            return
        with contextlib.suppress(RuntimeError):  # the bridge was destroyed during shutdown
            self._event.emit(event)

    def close(self) -> None:
        """Drop events from now on (called after the engine has stopped)."""
        self._closed = True

    @Slot(object)
    def _on_event(self, event: Event) -> None:
        self.engine_event.emit(event)
        if isinstance(event, JobProgress):
            self.job_progress.emit(event)
        elif isinstance(event, JobStarted):
            self.job_started.emit(event)
        elif isinstance(event, JobFinished):
            self.job_finished.emit(event)
        elif isinstance(event, DataChanged):
            self.data_changed.emit(event)
        elif isinstance(event, StoreStatusChanged):
            self.store_status_changed.emit(event)
        elif isinstance(event, Alert):
            self.alert_raised.emit(event)

    def watch(
        self,
        fut: Future[T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
        owner: QObject | None = None,
    ) -> Future[T]:
        """Call ``on_done(result)`` or ``on_error(exc)`` on the GUI thread when ``fut`` ends.

        Every engine call from the GUI goes through here, so failures always reach the
        user (STYLE practice 16). Skipped when ``owner`` was deleted meanwhile.
        """

        def deliver(f: Future[T]) -> None:
            if owner is not None and not shiboken6.isValid(owner):
                return
            if f.cancelled():
                on_error(RuntimeError(tr("cancelled")))
                return
            exc = f.exception()
            if exc is None:
                on_done(f.result())
            else:
                on_error(exc)

        def post(f: Future[T]) -> None:
            with contextlib.suppress(RuntimeError):
                self._deliver.emit(deliver, f)

        fut.add_done_callback(post)
        return fut

    @Slot(object, object)
    def _on_deliver(self, cb: Callable[[Future[Any]], None], fut: Future[Any]) -> None:
        cb(fut)
