"""Run blocking reads off the GUI thread and get the result back on it.

Used for id snapshots (0.5-1.2 s for 1M rows) and dashboard figures, so the window never
waits on SQLite. Each worker call opens its own short session through the services.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")


class BackgroundRunner(QObject):
    """A small thread pool whose results are delivered on the thread that owns the runner.

    Signals:
        _deliver(callback, future): internal, queued from the worker to the GUI thread.
    """

    _deliver = Signal(object, object)

    def __init__(self, max_workers: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="gui-read")
        self._deliver.connect(self._on_deliver)
        self._pending = 0

    @property
    def pending(self) -> int:
        """Calls submitted whose callbacks have not run yet (tests wait for 0)."""
        return self._pending

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
    ) -> Future[T]:
        """Run ``fn()`` in a worker; then ``on_done(result)`` or ``on_error(exc)`` here.

        When ``owner`` has been deleted by then, the callbacks are skipped: a page closed
        while its query ran must not be touched.
        """
        self._pending += 1

        def deliver(fut: Future[T]) -> None:
            if owner is not None and not shiboken6.isValid(owner):
                return
            if fut.cancelled():  # the runner shut down before the read started
                return
            exc = fut.exception()
            if exc is None:
                on_done(fut.result())
            elif on_error is not None:
                on_error(exc)
            else:
                log.error("background read failed", exc_info=exc)

        try:
            fut = self._pool.submit(fn)
        except RuntimeError:  # shut down: the app is closing, nobody waits for this read
            self._pending -= 1
            fut = Future()
            fut.cancel()
            return fut
        fut.add_done_callback(lambda f: self._post(deliver, f))
        return fut

    def _post(self, cb: Callable[[Future[Any]], None], fut: Future[Any]) -> None:
        # runs on the worker thread; the runner may be gone at shutdown
        with contextlib.suppress(RuntimeError):
            self._deliver.emit(cb, fut)

    @Slot(object, object)
    def _on_deliver(self, cb: Callable[[Future[Any]], None], fut: Future[Any]) -> None:
        self._pending -= 1
        cb(fut)

    def shutdown(self) -> None:
        """Stop taking work; running reads finish in the background."""
        self._pool.shutdown(wait=False, cancel_futures=True)
