"""Immutable events the engine emits (from its own thread) through a plain callback."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from app.core.domain import JobKind, JobStatus, StoreStatus


@dataclass(frozen=True)
class JobStarted:
    """A job began for a store."""

    job_id: int
    store_id: int
    kind: JobKind
    trigger: str


@dataclass(frozen=True)
class JobProgress:
    """A job moved on; emitted only when the shown numbers change."""

    job_id: int
    store_id: int
    kind: JobKind
    processed: int
    total: int
    failed: int


@dataclass(frozen=True)
class JobFinished:
    """A job ended (succeeded, failed, interrupted or cancelled)."""

    job_id: int
    store_id: int
    kind: JobKind
    status: JobStatus
    processed: int
    failed: int
    error: str = ""


@dataclass(frozen=True)
class DataChanged:
    """Rows changed in the database. ``kind``: orders, listings, stock, products, stores."""

    kind: str
    ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class StoreStatusChanged:
    """A store's sync status changed (idle, syncing, error, needs_reauth, paused)."""

    store_id: int
    status: StoreStatus
    reason: str = ""
    last_synced_at: datetime | None = None


@dataclass(frozen=True)
class Alert:
    """Something the seller should know now. ``kind``: low_stock, sync_failed, reauth, drift."""

    kind: str
    title: str
    message: str
    store_id: int | None = None


@dataclass(frozen=True)
class PollingChanged:
    """A store's next order fetch was scheduled (adaptive polling, services/polling.py).

    ``reason``: a :class:`app.core.services.polling.PollReason` value.
    """

    store_id: int
    interval_s: float
    reason: str
    calls_per_minute: int


Event = (
    JobStarted
    | JobProgress
    | JobFinished
    | DataChanged
    | StoreStatusChanged
    | Alert
    | PollingChanged
)
Emit = Callable[[Event], None]
