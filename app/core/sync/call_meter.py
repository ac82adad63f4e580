"""API calls each store made in the last minute, counted at the HTTP client.

Every request the engine's shared ``httpx.AsyncClient`` sends (retries and token refreshes
included: the platforms count them too) passes :meth:`CallMeter.on_request`. Which store
it belongs to comes from a context variable each store worker sets once: asyncio copies
the context into every task a worker starts, so its jobs' calls are attributed to it.
The figure feeds adaptive polling (services/polling.py) and Sync activity.
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections import deque

import httpx

CURRENT_STORE: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "storesync_current_store", default=None
)
WINDOW_S = 60.0


class CallMeter:
    """Per-store request times over a sliding minute."""

    def __init__(self, clock=time.monotonic) -> None:
        self._clock = clock
        self._calls: dict[int, deque[float]] = {}
        self._totals: dict[int, int] = {}
        self._lock = threading.Lock()  # read from other threads (status, tests)

    async def on_request(self, request: httpx.Request) -> None:
        """An httpx request hook."""
        store_id = CURRENT_STORE.get()
        if store_id is not None:
            self.count(store_id)

    def count(self, store_id: int) -> None:
        """One call by ``store_id`` now."""
        with self._lock:
            self._calls.setdefault(store_id, deque()).append(self._clock())
            self._totals[store_id] = self._totals.get(store_id, 0) + 1

    def total(self, store_id: int) -> int:
        """Calls ``store_id`` made since the engine started."""
        with self._lock:
            return self._totals.get(store_id, 0)

    def last_minute(self, store_id: int) -> int:
        """Calls ``store_id`` made in the last 60 s."""
        cutoff = self._clock() - WINDOW_S
        with self._lock:
            calls = self._calls.get(store_id)
            if not calls:
                return 0
            while calls and calls[0] < cutoff:
                calls.popleft()
            return len(calls)
