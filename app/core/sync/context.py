"""What a job needs about its store: the store, its adapter, sessions and the job run."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.orm import Session, sessionmaker

from app.core.platforms.base import PlatformAdapter
from app.core.services.context import ServiceContext
from app.core.services.stores import StoreDTO
from app.core.sync.events import Emit
from app.core.sync.jobs import JobRun

T = TypeVar("T")


@dataclass
class JobContext:
    """Handed to every job function."""

    store: StoreDTO
    adapter: PlatformAdapter
    sessions: sessionmaker[Session]
    ctx: ServiceContext  # acting as "sync"
    run: JobRun
    emit: Emit


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Consecutive slices of at most ``size`` items."""
    for i in range(0, len(items), max(1, size)):
        yield items[i : i + size]
