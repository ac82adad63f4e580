"""A seller's actions (ship, documents, cancel) run as jobs of the store's worker.

An action is a job function the caller supplies: it gets the same JobContext as a
scheduled job (adapter with token refresh and rate limit, a job row in Sync activity) and
its return value, or the exception that stopped it, goes back to the caller's future.
See docs/ARCHITECTURE.md, "Fulfilment".
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from app.core.domain import JobKind
from app.core.platforms.base import NoAnswerError
from app.core.sync.context import JobContext

ActionJob = Callable[[JobContext], Awaitable[Any]]
# (kind, job function, monotonic end or None, the caller's future)
QueuedAction = tuple[JobKind, ActionJob, float | None, asyncio.Future[Any]]
# runs one job: (kind, trigger, time limit, job function) -> (job id, answered)
RunJob = Callable[[JobKind, str, float | None, ActionJob], Awaitable[tuple[int | None, bool]]]


class ActionDidNotFinish(NoAnswerError):
    """The action was stopped at its deadline; what it committed is kept."""


async def run_actions(
    actions: list[QueuedAction], deadlines: dict[JobKind, float], run_job: RunJob
) -> None:
    """Run queued actions one after another and settle each caller's future."""
    for kind, job, ends, fut in actions:
        outcome: list[Any] = []  # [result] or [the exception that ended it]

        async def call(jc: JobContext, job: ActionJob = job, out: list[Any] = outcome) -> Any:
            try:
                out.append(await job(jc))
            except BaseException as exc:
                out.append(exc)
                raise
            return out[0]

        try:
            await run_job(kind, "manual", _limit(deadlines.get(kind), ends), call)
        except asyncio.CancelledError:
            if not fut.done():
                fut.set_exception(RuntimeError("engine stopped"))
            raise
        if fut.done():  # the caller gave up waiting
            continue
        if outcome and not isinstance(outcome[0], BaseException):
            fut.set_result(outcome[0])
        elif outcome and not isinstance(outcome[0], asyncio.CancelledError):
            fut.set_exception(outcome[0])
        else:
            fut.set_exception(ActionDidNotFinish(f"{kind.value} did not finish in time"))


def _limit(job_limit: float | None, ends: float | None) -> float | None:
    if ends is None:
        return job_limit
    left = max(0.0, ends - time.monotonic())
    return left if job_limit is None else min(job_limit, left)
