"""Start the demo shops (``--demo`` or the dashboard's button) without freezing the window.

``app.demo.start_demo(ws, engine)`` starts the sandbox in-process, connects the
demo shops through the real authorization flow and starts the buyer simulator; it waits
on the engine, so it runs on a worker thread here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core.sync.api import EngineAPI
from app.core.workspace import OpenWorkspace
from app.gui.runner import BackgroundRunner

log = logging.getLogger(__name__)


class DemoController(QObject):
    """Owns the demo handle; :meth:`stop` runs before the engine stops.

    Signals:
        started(): the demo shops are connected.
        failed(str): starting the demo failed; the message is for the user.
    """

    started = Signal()
    failed = Signal(str)

    def __init__(
        self,
        ws: OpenWorkspace,
        engine: EngineAPI,
        runner: BackgroundRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self._engine = engine
        self._runner = runner
        self.handle: Any = None
        self._starting = False

    def start(self) -> None:
        """Start the demo in the background (once)."""
        if self.handle is not None or self._starting:
            return
        self._starting = True

        ws, engine = self._ws, self._engine

        def start() -> Any:
            # the sandbox and the demo wiring load here, on the worker, only for a demo:
            # not at every start of the app (tests/perf/bench_imports.py)
            from app.demo import start_demo

            return start_demo(ws, engine)

        self._runner.run(start, self._ready, self._failed, owner=self)

    def _ready(self, handle: Any) -> None:
        self._starting = False
        self.handle = handle
        self.started.emit()

    def _failed(self, exc: BaseException) -> None:
        self._starting = False
        log.error("the demo could not start", exc_info=exc)
        self.failed.emit(str(exc))

    def sandbox_url(self) -> str | None:
        """The running sandbox's base URL (for the Connect wizard's local environment)."""
        h = self.handle
        if h is None:
            return None
        for getter in (
            lambda: h.base_url,
            lambda: h.sandbox.base_url,
            lambda: h.sandbox_url,
        ):
            try:
                value = getter()
            except AttributeError:
                continue
            value = value() if callable(value) else value
            if isinstance(value, str):
                return value
        return None

    def stop(self) -> None:
        """Stop the buyer simulator and the sandbox."""
        if self.handle is not None:
            try:
                self.handle.stop()
            except Exception:
                log.exception("stopping the demo failed")
            self.handle = None


StartDemo = Callable[[], None]
