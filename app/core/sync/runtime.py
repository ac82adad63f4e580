"""An asyncio loop in its own daemon thread, with a thread-safe way in."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")


class EngineThread:
    """Owns one event loop running in a background thread."""

    def __init__(self, name: str = "sync-engine") -> None:
        self.loop = asyncio.new_event_loop()
        self._name = name
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the loop; returns once it runs. After :meth:`stop` it starts on a new
        loop (the old one is closed): the GUI stops and restarts its engine around a
        restore."""
        if self.loop.is_closed():
            self.loop = asyncio.new_event_loop()
            self._ready.clear()
        self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self._thread.start()
        if not self._ready.wait(5):
            raise RuntimeError("engine loop did not start")

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.call_soon(self._ready.set)
        try:
            self.loop.run_forever()
        finally:
            pending = [t for t in asyncio.all_tasks(self.loop) if not t.done()]
            for t in pending:
                t.cancel()
            if pending:
                self.loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            self.loop.run_until_complete(self.loop.shutdown_asyncgens())
            # worker threads (page writes) finish their transaction before the loop closes
            self.loop.run_until_complete(self.loop.shutdown_default_executor())
            self.loop.close()

    def submit(self, coro: Coroutine[Any, Any, T]) -> Future[T]:
        """Run a coroutine on the loop from any thread."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def call_soon(self, fn, *args) -> None:
        """Schedule a plain callable on the loop from any thread."""
        if not self.loop.is_closed():
            self.loop.call_soon_threadsafe(fn, *args)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the loop (tasks still running are cancelled) and wait for the thread."""
        if self._thread is None:
            return
        if not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout)
        self._thread = None

    @property
    def in_loop_thread(self) -> bool:
        """Whether the caller runs on the engine thread."""
        return self._thread is not None and threading.current_thread() is self._thread


def being_cancelled() -> bool:
    """Whether the running task itself was asked to stop (the engine stopping), rather
    than only the job it awaited."""
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


def raise_if_cancelling() -> None:
    """Python 3.11's wait_for can return a job's result and drop a cancel that arrived as
    the job finished; the worker would then sleep on with the engine waiting for it to stop.
    A task still marked as being cancelled stops here instead."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError
