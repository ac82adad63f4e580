"""Ship orders: read their shipping options, ship them with the seller's one choice for
the batch, fetch the tracking numbers (docs/ARCHITECTURE.md, "Fulfilment").

Both steps run in the engine as seller's actions (``SyncEngine.run_action``,
``JobKind.SHIP``): one action per store, so each store's token refresh, rate limit and
job row apply, and stores work in parallel. Results come back per order; a refused order
never stops the batch. Orders reach the database only through
:mod:`app.core.services.shipping`; their statuses move with the next order sync, which
:func:`ship_orders` asks for once the stores are done.

The batch choice (:class:`ShipChoice`) is applied per order by :func:`resolve`: the
chosen method where the order allows it, else the order's only method; the chosen pickup
slot where the order offers it, else its earliest; a typed tracking number ships with the
seller's own courier. Where an order leaves a real choice open, it "needs input".
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from app.core.domain import (
    JobKind,
    PickupSlot,
    ShipMethod,
    ShipOutcome,
    ShippedPackage,
    ShippingOptions,
    ShipRequest,
    ShipResult,
)
from app.core.platforms.base import AuthError, NoAnswerError, PlatformError
from app.core.services import shipping
from app.core.services.shipping import ShipTarget
from app.core.sync.context import JobContext
from app.core.text import msg

#: orders of one store worked on at once (the store's rate limit still applies)
CONCURRENCY = 4
#: tracking numbers still empty after shipping are read again this often, this far apart
TRACKING_ATTEMPTS = 3
TRACKING_WAIT_SECONDS = 1.0


@dataclass(frozen=True)
class ShipChoice:
    """The seller's choice for a batch.

    ``method``: pickup or drop-off where an order offers both (None: such orders need
    input); ``slot_start``: the pickup slot wanted (None: each order's earliest);
    ``tracking``: platform order id → tracking number for the seller's own courier.
    """

    method: ShipMethod | None = ShipMethod.PICKUP
    slot_start: datetime | None = None
    tracking: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class OrderOptions:
    """One order's shipping options (step 1)."""

    target: ShipTarget
    options: ShippingOptions


@dataclass(frozen=True)
class OrderShipResult:
    """One order's outcome (step 2), for the result dialog and the command line."""

    target: ShipTarget
    outcome: ShipOutcome
    reason: str = ""
    method: ShipMethod | None = None
    packages: tuple[ShippedPackage, ...] = ()

    @property
    def tracking_numbers(self) -> list[str]:
        """The tracking numbers known so far."""
        return [p.tracking_number for p in self.packages if p.tracking_number]


@dataclass(frozen=True)
class BatchChoices:
    """What the seller can choose once for a batch, from its orders' options."""

    methods: tuple[ShipMethod, ...]  # pickup/drop-off offered by orders that have a choice
    slots: tuple[PickupSlot, ...]  # pickup slots every pickup-capable order offers
    need_tracking: tuple[OrderOptions, ...]  # only the seller's own courier: type a number
    problems: tuple[OrderOptions, ...]  # cannot be shipped now (reason in options.problem)
    shippable: int


# --------------------------------------------------------------------------- the choice


def batch_choices(found: Sequence[OrderOptions]) -> BatchChoices:
    """Where the orders' choices agree: the methods to offer and the common slots."""
    methods: set[ShipMethod] = set()
    slots: dict[datetime, PickupSlot] | None = None
    need, problems, shippable = [], [], 0
    for oo in found:
        opts = oo.options
        if oo.target.problem or not opts.shippable:
            problems.append(oo)
            continue
        shippable += 1
        carriers = [m for m in opts.methods if m is not ShipMethod.SELF]
        if not carriers:
            need.append(oo)
            continue
        if len(carriers) > 1:
            methods.update(carriers)
        if ShipMethod.PICKUP in carriers and opts.pickup_slots:
            mine = {s.start: s for s in opts.pickup_slots}
            slots = mine if slots is None else {k: v for k, v in slots.items() if k in mine}
    return BatchChoices(
        tuple(m for m in ShipMethod if m in methods),
        tuple(sorted((slots or {}).values(), key=lambda s: s.start)),
        tuple(need),
        tuple(problems),
        shippable,
    )


def resolve(options: ShippingOptions, choice: ShipChoice) -> ShipRequest | str:
    """The request for one order under the batch choice, or why it needs input."""
    pid = options.platform_order_id
    tracking = (choice.tracking.get(pid) or "").strip()
    allowed = options.methods
    if tracking and ShipMethod.SELF in allowed:
        return ShipRequest(pid, ShipMethod.SELF, tracking_number=tracking)
    carriers = [m for m in allowed if m is not ShipMethod.SELF]
    if choice.method in carriers:
        method = choice.method
    elif len(carriers) == 1:
        method = carriers[0]  # nothing to choose
    elif not carriers and ShipMethod.SELF in allowed:
        return msg("the carrier is not integrated: type the tracking number")
    elif carriers:
        return msg("choose pickup or drop-off for this order")
    else:
        return options.problem or msg("no way to ship this order now")
    slot_id = ""
    if method is ShipMethod.PICKUP and choice.slot_start is not None:
        slot_id = next(
            (s.slot_id for s in options.pickup_slots if s.start == choice.slot_start), ""
        )
    return ShipRequest(pid, method, slot_id=slot_id)


# --------------------------------------------------------------------------- the jobs


def read_options(engine: Any, targets: Sequence[ShipTarget]) -> Future[list[OrderOptions]]:
    """Step 1: every order's shipping options, one action per store."""

    def job_for(orders: list[ShipTarget]) -> Callable[[JobContext], Any]:
        async def job(jc: JobContext) -> list[OrderOptions]:
            jc.run.log(msg("reading the shipping options of {n} orders", n=len(orders)))
            jc.run.progress(0, total=len(orders))
            return await _each(orders, lambda t: _options(jc, t), jc)

        return job

    def failed(target: ShipTarget, reason: str) -> OrderOptions:
        return OrderOptions(target, ShippingOptions(target.platform_order_id, problem=reason))

    return _per_store(engine, targets, job_for, failed)


def ship_orders(
    engine: Any,
    targets: Sequence[ShipTarget],
    choice: ShipChoice,
    *,
    then_sync: bool = True,
    wait_for_sync: bool = False,
    only_ready: bool = False,
) -> Future[list[OrderShipResult]]:
    """Step 2: ship the orders (results in the targets' order). With ``then_sync`` the
    stores where something shipped get an order sync afterwards; ``wait_for_sync`` makes
    the future wait for it (the command line). ``only_ready`` leaves out, without a
    result, the orders whose platform status says the shipment is already arranged (the
    store's adapter knows: ``ready_to_ship``)."""

    def job_for(asked: list[ShipTarget]) -> Callable[[JobContext], Any]:
        done: dict[int, OrderShipResult] = {}  # survives the engine's retry after a refresh

        async def job(jc: JobContext) -> list[OrderShipResult]:
            ready = jc.adapter.ready_to_ship
            orders = [t for t in asked if not only_ready or ready(t.platform_status)]
            jc.run.log(msg("shipping {n} orders", n=len(orders)))
            jc.run.progress(0, total=len(orders), failed=0)
            results = await _each(orders, lambda t: _ship_one(jc, t, choice, done), jc)
            return await _fill_tracking(jc, results)

        return job

    def failed(target: ShipTarget, reason: str) -> OrderShipResult:
        return OrderShipResult(target, ShipOutcome.FAILED, reason)

    shipped = _per_store(engine, targets, job_for, failed)
    if not then_sync:
        return shipped
    out: Future[list[OrderShipResult]] = Future()

    def after(f: Future[list[OrderShipResult]]) -> None:
        if f.exception() is not None:
            out.set_exception(f.exception())  # type: ignore[arg-type]
            return
        results = f.result()
        stores = sorted({r.target.store_id for r in results if r.outcome is ShipOutcome.DONE})
        syncs = [engine.sync_now(sid, (JobKind.ORDERS,)) for sid in stores]
        if not wait_for_sync or not syncs:
            out.set_result(results)
            return
        _gather(syncs).add_done_callback(lambda _f: out.set_result(results))

    shipped.add_done_callback(after)
    return out


async def _options(jc: JobContext, target: ShipTarget) -> tuple[OrderOptions, bool]:
    """One order's options; an order that cannot ship is information here, not a failure
    of the reading job (the ship step reports it)."""
    if target.problem:
        return OrderOptions(
            target, ShippingOptions(target.platform_order_id, problem=target.problem)
        ), True
    try:
        opts = await jc.adapter.shipping_options(target.platform_order_id)
    except AuthError:
        raise
    except PlatformError as exc:
        opts = ShippingOptions(target.platform_order_id, problem=_unanswered(exc))
    return OrderOptions(target, opts), True


async def _ship_one(
    jc: JobContext, target: ShipTarget, choice: ShipChoice, done: dict[int, OrderShipResult]
) -> tuple[OrderShipResult, bool]:
    if target.order_id in done:
        return done[target.order_id], True
    pid = target.platform_order_id
    if target.problem:
        return OrderShipResult(target, ShipOutcome.FAILED, target.problem), False
    try:
        options = await jc.adapter.shipping_options(pid)
        if not options.shippable:
            return OrderShipResult(target, ShipOutcome.FAILED, options.problem), False
        request = resolve(options, choice)
        if isinstance(request, str):
            return OrderShipResult(target, ShipOutcome.NEEDS_INPUT, request), False
        result: ShipResult = await jc.adapter.ship(request)
    except AuthError:
        raise
    except PlatformError as exc:
        return OrderShipResult(target, ShipOutcome.FAILED, _unanswered(exc)), False
    out = OrderShipResult(target, result.outcome, result.reason, result.method, result.packages)
    if result.ok and result.method is not None:
        shipping.record_shipment(jc.ctx, target.order_id, result.method, result.packages)
        done[target.order_id] = out
    elif result.packages and result.method is not None:  # some packages of a split left
        shipping.record_shipment(jc.ctx, target.order_id, result.method, result.packages)
    return out, result.ok


async def _each(
    orders: list[ShipTarget], work: Callable[[ShipTarget], Any], jc: JobContext
) -> list[Any]:
    """Run ``work`` over the orders, a few at a time, counting progress and failures."""
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(target: ShipTarget) -> Any:
        async with gate:
            value, ok = await work(target)
        if ok:
            jc.run.progress(add=1)
        else:
            jc.run.progress(add=1, add_failed=1)
            reason = value.options.problem if isinstance(value, OrderOptions) else value.reason
            jc.run.log(
                msg("order {order}: {reason}", order=target.platform_order_id, reason=reason),
                "warning",
            )
        return value

    return list(await asyncio.gather(*(one(t) for t in orders)))


async def _fill_tracking(jc: JobContext, results: list[OrderShipResult]) -> list[OrderShipResult]:
    """Read tracking numbers the carrier had not assigned at once (a few short waits)."""
    out = list(results)
    for attempt in range(TRACKING_ATTEMPTS):
        missing = [
            n
            for n, r in enumerate(out)
            if r.outcome is ShipOutcome.DONE
            and (not r.packages or not all(p.tracking_number for p in r.packages))
        ]
        if not missing:
            break
        if attempt:
            await asyncio.sleep(TRACKING_WAIT_SECONDS)
        for n in missing:
            r = out[n]
            try:
                packages = await jc.adapter.tracking_numbers(r.target.platform_order_id)
            except AuthError:
                raise
            except PlatformError:
                continue  # the order is shipped; its number comes with a later read
            shipping.record_tracking(jc.ctx, r.target.order_id, packages)
            out[n] = replace(r, packages=packages)
    return out


def _unanswered(exc: PlatformError) -> str:
    if isinstance(exc, NoAnswerError):
        return msg("the store did not answer; try again later")
    return msg("the platform refused: {reason}", reason=exc.message)


# --------------------------------------------------------------------------- plumbing


def _per_store(
    engine: Any,
    targets: Sequence[ShipTarget],
    job_for: Callable[[list[ShipTarget]], Any],
    failed: Callable[[ShipTarget, str], Any],
) -> Future[list[Any]]:
    """One action per store; the results in the targets' order. A store whose action
    failed as a whole (no authorization, removed, stopped at its deadline) fails each of
    its orders with that reason; the other stores' results stand."""
    by_store: dict[int, list[ShipTarget]] = {}
    for t in targets:
        by_store.setdefault(t.store_id, []).append(t)
    parts = [
        (orders, _settled(engine, sid, job_for(orders), orders, failed))
        for sid, orders in by_store.items()
    ]
    position = {t.order_id: n for n, t in enumerate(targets)}
    out: Future[list[Any]] = Future()

    def done(f: Future[list[list[Any]]]) -> None:
        merged = [r for part in f.result() for r in part]
        merged.sort(key=lambda r: position[r.target.order_id])
        out.set_result(merged)

    _gather([fut for _o, fut in parts]).add_done_callback(done)
    return out


def _settled(
    engine: Any,
    store_id: int,
    job: Any,
    orders: list[ShipTarget],
    failed: Callable[[ShipTarget, str], Any],
) -> Future[list[Any]]:
    """The store's action, its error turned into a failure of each of its orders."""
    out: Future[list[Any]] = Future()

    def settle(f: Future[Any]) -> None:
        exc = f.exception()
        if exc is None:
            out.set_result(f.result())
        else:
            reason = msg("the store's job failed: {reason}", reason=str(exc) or type(exc).__name__)
            out.set_result([failed(t, reason) for t in orders])

    try:
        fut = engine.run_action(store_id, JobKind.SHIP, job)
    except Exception as exc:  # the engine refused at once (stopped, unknown store)
        fut = Future()
        fut.set_exception(exc)
    fut.add_done_callback(settle)
    return out


def _gather(futures: Sequence[Future[Any]]) -> Future[list[Any]]:
    """A future of every result, in order; the first error (after all ended) fails it."""
    out: Future[list[Any]] = Future()
    lock = threading.Lock()
    left = [len(futures)]
    if not futures:
        out.set_result([])
        return out

    def one(_f: Future[Any]) -> None:
        with lock:
            left[0] -= 1
            if left[0]:
                return
        errors = [f.exception() for f in futures if f.exception() is not None]
        if errors:
            out.set_exception(errors[0])  # type: ignore[arg-type]
        else:
            out.set_result([f.result() for f in futures])

    for f in futures:
        f.add_done_callback(one)
    return out
