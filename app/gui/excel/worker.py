"""Run one blocking call on a QThread and hear about it on the GUI thread."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)


class _Runner(QObject):
    """Lives on the worker thread; reports through queued signals."""

    done: Signal = Signal(object)
    failed: Signal = Signal(object)  # the exception

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._fn = fn

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # carried to the GUI thread, never lost in the thread
            log.debug("background task failed:\n%s", traceback.format_exc())
            self.failed.emit(exc)
        else:
            self.done.emit(result)


class Task(QObject):
    """One background call. Connect ``done``/``failed`` before :meth:`start`.

    Signals:
        done: the call's return value (GUI thread).
        failed: the exception it raised (GUI thread).
        finished: after either, once the thread has stopped.
    """

    done: Signal = Signal(object)
    failed: Signal = Signal(object)
    finished: Signal = Signal()

    def __init__(self, fn: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._runner = _Runner(fn)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        self._runner.done.connect(self._on_done)
        self._runner.failed.connect(self._on_failed)

    def start(self) -> None:
        """Run the call on its own thread."""
        self._thread.start()

    def is_running(self) -> bool:
        """True until the call has returned or raised."""
        return self._thread.isRunning()

    def _stop(self) -> None:
        self._thread.quit()
        self._thread.wait()
        self.finished.emit()

    @Slot(object)
    def _on_done(self, result: object) -> None:
        self._stop()
        self.done.emit(result)

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        self._stop()
        self.failed.emit(exc)
