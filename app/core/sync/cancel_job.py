"""The seller cancels orders: one action per store (docs/ARCHITECTURE.md, "Fulfilment").

For each order: check it may still be cancelled (services/returns.py), call the platform
with the chosen reason, then read the order back and store it through the normal order
path (``order_sync.store_page``), so the state machine releases the reserved stock once
the platform says "cancelled", and a later sync of the same status changes nothing.
Engine module: reaches the database only through services.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from app.core.domain import CancelReason, OrderStatus
from app.core.platforms.base import AuthError, PlatformError
from app.core.services.errors import ServiceError
from app.core.services.order_sync import store_page
from app.core.services.returns import cancel_target
from app.core.sync.context import JobContext
from app.core.sync.events import DataChanged
from app.core.text import msg


@dataclass(frozen=True)
class CancelResult:
    """One order's outcome."""

    order_id: int
    platform_order_id: str
    ok: bool
    message: str  # the platform's status after the call, or why it failed


def cancel_job(order_ids: list[int], reason: str):
    """A job for ``SyncEngine.run_action(store_id, JobKind.CANCEL, job)``; resolves to a
    list of :class:`CancelResult`, one per order, in the given order."""

    async def job(jc: JobContext) -> list[CancelResult]:
        jc.run.progress(total=len(order_ids))
        results = []
        for order_id in order_ids:
            result = await _cancel_one(jc, order_id, reason)
            results.append(result)
            # a refused order counts as failed: the job ends failed, with every result
            jc.run.progress(add=1, add_failed=0 if result.ok else 1)
        failed = [r for r in results if not r.ok]
        for r in failed:
            jc.run.log(
                msg(
                    "order {order} not cancelled: {reason}",
                    order=r.platform_order_id,
                    reason=r.message,
                ),
                "warning",
            )
        done = len(results) - len(failed)
        if done:
            jc.run.log(msg("{n} order(s) cancelled ({reason})", n=done, reason=reason))
            jc.emit(DataChanged("orders"))
        return results

    return job


async def _cancel_one(jc: JobContext, order_id: int, reason: str) -> CancelResult:
    try:
        target = await asyncio.to_thread(cancel_target, jc.ctx, order_id)
    except ServiceError as exc:
        return CancelResult(order_id, str(order_id), False, str(exc))
    if target.store_id != jc.store.id:
        return CancelResult(order_id, target.platform_order_id, False, "order of another store")
    number = target.platform_order_id
    try:
        await jc.adapter.cancel_order(number, reason, target.items)
    except AuthError:
        raise  # the engine refreshes the token (or asks for re-authorization)
    except PlatformError as exc:
        return CancelResult(order_id, number, False, str(exc))
    try:
        orders = await jc.adapter.get_orders([number])
        _stats, touched = await asyncio.to_thread(store_page, jc.ctx, jc.store.id, orders)
    except PlatformError as exc:  # cancelled; the next order sync stores it
        return CancelResult(order_id, number, True, f"cancelled; not read back yet: {exc}")
    if touched:
        jc.emit(DataChanged("stock", tuple(sorted(touched))))
    if orders and orders[0].status is OrderStatus.CANCELLED:
        return CancelResult(order_id, number, True, "cancelled")
    # e.g. Shopee IN_CANCEL: the buyer or the platform still has to agree
    now = orders[0].platform_status if orders else "?"
    return CancelResult(order_id, number, True, f"cancellation requested ({now})")


async def reasons_job(jc: JobContext) -> list[CancelReason]:
    """The store's cancel reasons (for ``run_action``: the adapter may ask the platform)."""
    return await jc.adapter.cancel_reasons()
