"""What a job needs about its store: the store, its adapter, the services and the job run."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from app.core.platforms.base import PlatformAdapter
from app.core.services.context import ServiceContext
from app.core.services.stores import StoreDTO
from app.core.sync.events import Emit
from app.core.sync.jobs import JobRun

T = TypeVar("T")


@dataclass
class JobContext:
    """Handed to every job function. Jobs reach the database only through services
    called with ``ctx``."""

    store: StoreDTO
    adapter: PlatformAdapter
    ctx: ServiceContext  # acting as "sync"
    run: JobRun
    emit: Emit


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Consecutive slices of at most ``size`` items."""
    for i in range(0, len(items), max(1, size)):
        yield items[i : i + size]
