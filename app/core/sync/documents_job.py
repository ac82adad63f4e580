"""Airway bills for a selection of orders: one DOCUMENTS action per store, gathered.

Each store's action (``SyncEngine.run_action``, a job row in Sync activity) takes the
orders whose labels are in the cache from there — no call at all — and asks the adapter
for the rest in batches of 50; every label that came is cached before the next batch, so
a stopped or failed run keeps what it fetched. An order that cannot print counts as a
failed item (the job ends failed, naming how many) and carries its reason; the other
orders still print. The caller's ``finish`` (the merge, ``app.core.export.labels_pdf``:
the engine does not import the export layer) then runs off the loop on the results in
selection order. docs/ARCHITECTURE.md, "Fulfilment".
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from app.core.domain import JobKind
from app.core.services.labels import LabelCache, LabelTarget
from app.core.sync.actions import ActionJob
from app.core.sync.context import JobContext, chunks
from app.core.text import msg

T = TypeVar("T")
BATCH = 50  # orders per adapter call (Shopee's document calls take 1..50)


@dataclass(frozen=True)
class OrderLabelResult:
    """One order's outcome: its label files (package order) or why it did not print."""

    target: LabelTarget
    files: tuple[Path, ...] = ()
    error: str = ""
    cached: bool = False

    @property
    def ok(self) -> bool:
        return not self.error and bool(self.files)


@dataclass
class LabelsRequest:
    """The running print: one future per store (for a progress bar) and the whole."""

    store_futures: dict[int, Future[list[OrderLabelResult]]]
    result: Future[Any]
    targets: list[LabelTarget] = field(default_factory=list)


class ActionRunner(Protocol):
    def run_action(
        self, store_id: int, kind: JobKind, job: ActionJob, deadline: float | None = None
    ) -> Future[Any]: ...

    def submit(self, coro: Any) -> Future[Any]: ...


def documents_job(targets: Sequence[LabelTarget], cache: LabelCache) -> ActionJob:
    """The job for one store's orders: results in the order of ``targets``."""

    async def job(jc: JobContext) -> list[OrderLabelResult]:
        results: dict[int, OrderLabelResult] = {}
        todo: list[LabelTarget] = []
        for t in targets:
            files = cache.order_labels(t)
            if files:
                results[t.order_id] = OrderLabelResult(t, tuple(files), cached=True)
            else:
                todo.append(t)
        jc.run.progress(len(results), total=len(targets))
        if results:
            jc.run.log(msg("{n} order(s) printed from saved labels", n=len(results)))
        for batch in chunks(todo, BATCH):
            got = await jc.adapter.shipping_labels([t.platform_order_id for t in batch])
            answered = {g.platform_order_id: g for g in got}
            for t in batch:
                found = answered.get(t.platform_order_id)
                if found is not None and found.ok:
                    files = await asyncio.to_thread(cache.store, t, found.labels)
                    results[t.order_id] = OrderLabelResult(t, tuple(files))
                    jc.run.progress(add=1)
                    continue
                reason = found.error if found else msg("No answer for this order")
                results[t.order_id] = OrderLabelResult(t, error=reason)
                jc.run.log(
                    msg("order {order}: {reason}", order=t.platform_order_id, reason=reason),
                    "warning",
                )
                jc.run.progress(add=1, add_failed=1)
        return [results[t.order_id] for t in targets]

    return job


def request_labels(
    engine: ActionRunner,
    targets: Sequence[LabelTarget],
    cache: LabelCache,
    finish: Callable[[list[OrderLabelResult]], T],
    deadline: float | None = None,
) -> LabelsRequest:
    """Start one DOCUMENTS action per store and gather them.

    ``result`` resolves to ``finish(results)`` (run in a worker thread), the results in
    the order of ``targets``; a store whose action failed as a whole (no answer, needs
    re-authorization) gives each of its orders that reason.
    """
    targets = list(targets)
    per_store: dict[int, list[LabelTarget]] = {}
    for t in targets:
        per_store.setdefault(t.store_id, []).append(t)
    futures = {
        store_id: engine.run_action(
            store_id, JobKind.DOCUMENTS, documents_job(group, cache), deadline
        )
        for store_id, group in per_store.items()
    }

    async def gather() -> T:
        by_order: dict[int, OrderLabelResult] = {}
        for store_id, fut in futures.items():
            try:
                for r in await asyncio.wrap_future(fut):
                    by_order[r.target.order_id] = r
            except Exception as exc:  # the store's action failed as a whole
                for t in per_store[store_id]:
                    by_order[t.order_id] = OrderLabelResult(t, error=str(exc) or type(exc).__name__)
        ordered = [by_order[t.order_id] for t in targets]
        return await asyncio.to_thread(finish, ordered)

    return LabelsRequest(futures, engine.submit(gather()), targets)
