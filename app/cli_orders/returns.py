"""``storesync orders cancel | returns | restock``: cancel unshipped orders with a reason
from the platform's list, list returns with their state, and restock or write off a
received return per line (docs/ARCHITECTURE.md, "Fulfilment").

Cancelling asks the platform, so it starts a sync engine for the stores involved (exit 3
naming the holder while the app or ``storesync sync`` runs on the folder); listing and
restocking work on the database alone (``returns --fetch`` reads the platforms first).
Exit 0 on success, 1 when some orders failed (one line each), 2 on bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

EXIT_BAD_INPUT = 2
ACTION_TIMEOUT = 120.0


def register(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``cancel``, ``returns`` and ``restock``."""
    c = actions.add_parser(
        "cancel",
        parents=[common],
        help="cancel unshipped orders on the platform with a reason (without --reason: list "
        "the reasons)",
    )
    c.add_argument("--order", action="append", metavar="N", help="order number (repeatable)")
    c.add_argument("--reason", metavar="CODE", help="the platform's reason code")
    c.add_argument("--store", type=int, metavar="ID", help="the store (when numbers repeat)")
    c.set_defaults(func=cmd_cancel)

    r = actions.add_parser("returns", parents=[common], help="list returns with their state")
    r.add_argument("--store", type=int, metavar="ID")
    r.add_argument("--fetch", action="store_true", help="read the platforms' returns first")
    r.set_defaults(func=cmd_returns)

    sh = actions.add_parser(
        "show", parents=[common], help="one order: status, who cancelled and why, lines, returns"
    )
    sh.add_argument("--order", required=True, metavar="N")
    sh.add_argument("--store", type=int, metavar="ID")
    sh.set_defaults(func=cmd_show)

    s = actions.add_parser(
        "restock",
        parents=[common],
        help="put a received return back on the shelf (or --write-off), each line once",
    )
    s.add_argument("--order", required=True, metavar="N")
    s.add_argument("--store", type=int, metavar="ID")
    s.add_argument(
        "--line",
        action="append",
        metavar="SKU=QTY",
        help="restock QTY units of this line (the rest of its returned units are written "
        "off); default: every returned line whole",
    )
    s.add_argument("--location", metavar="NAME", help="where the units go (default: the line's)")
    s.add_argument("--write-off", action="store_true", help="write the lines off: no stock back")
    s.set_defaults(func=cmd_restock)


# --------------------------------------------------------------------------- plumbing


def _bad(text: str) -> int:
    print(f"error: {text}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _workspace(args):
    from app.cli_sync import _open

    return _open(args)


def _with_engine(args, ws, store_ids: list[int], fn: Callable[[Any], int]) -> int:
    """Run ``fn(engine)`` with an engine limited to ``store_ids`` (no schedule)."""
    from app.cli_sync import EXIT_BUSY, _engine_options
    from app.core.engine_lock import EngineAlreadyRunning
    from app.core.sync.engine import SyncEngine

    eng = SyncEngine(ws, lambda _ev: None, _engine_options(args, True, store_ids))
    try:
        eng.start(role="orders")
    except EngineAlreadyRunning as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BUSY
    from app.core.services import stores
    from app.demo import saved_demo_marketplace

    # a demo folder after `storesync demo` ended: its saved marketplace comes back
    with saved_demo_marketplace(ws, stores.list_stores(ws.ctx)):
        try:
            return fn(eng)
        finally:
            eng.stop()


def _order_ids(ws, numbers: list[str], store: int | None) -> list[int]:
    from app.core.services.returns import find_order

    return [find_order(ws.ctx, n, store) for n in numbers]


# --------------------------------------------------------------------------- cancel


def cmd_cancel(args) -> int:
    """Cancel orders per store with one reason; without --reason list the reasons."""
    from app.core.domain import JobKind
    from app.core.services import audit
    from app.core.services.errors import ServiceError
    from app.core.services.returns import cancel_target
    from app.core.sync.cancel_job import cancel_job, reasons_job

    if not args.order:
        return _bad("name the orders to cancel with --order N")
    ws = _workspace(args)
    try:
        try:
            ids = _order_ids(ws, args.order, args.store)
            targets = [cancel_target(ws.ctx, i) for i in ids]
        except ServiceError as exc:
            return _bad(str(exc))
        by_store: dict[int, list[int]] = {}
        for t in targets:
            by_store.setdefault(t.store_id, []).append(t.order_id)
        numbers = {t.order_id: t.platform_order_id for t in targets}

        def go(eng) -> int:
            reasons = {
                sid: eng.run_action(sid, JobKind.CANCEL, reasons_job).result(ACTION_TIMEOUT)
                for sid in by_store
            }
            if not args.reason or any(
                args.reason not in {r.code for r in rs} for rs in reasons.values()
            ):
                for sid, rs in reasons.items():
                    print(f"reasons for store {sid}:")
                    for r in rs:
                        print(f"  {r.code:<55} {r.label}")
                text = "choose a reason with --reason CODE"
                if args.reason:
                    text = f"{args.reason} is not a reason these stores take; {text}"
                return _bad(text)
            # who asked (the engine's own change is recorded as "sync"): services/audit.py
            audit.record_request(ws.ctx, "order", ids, "cancel_requested", note=args.reason)
            futures = {
                sid: eng.run_action(sid, JobKind.CANCEL, cancel_job(oids, args.reason))
                for sid, oids in by_store.items()
            }
            failed = 0
            for _sid, fut in futures.items():
                for res in fut.result(ACTION_TIMEOUT):
                    number = numbers.get(res.order_id, res.platform_order_id)
                    if res.ok:
                        print(f"order {number}: {res.message}")
                    else:
                        failed += 1
                        print(f"order {number}: not cancelled: {res.message}")
            return 1 if failed else 0

        return _with_engine(args, ws, sorted(by_store), go)
    finally:
        ws.close()


# --------------------------------------------------------------------------- returns


def cmd_returns(args) -> int:
    """One line per return: store, order, return id, state, and each line's decision."""
    from app.core.domain import JobKind
    from app.core.services.returns import list_returns
    from app.core.services.stores import list_stores
    from app.core.sync.returns_job import returns_job

    ws = _workspace(args)
    try:
        stores = {s.id: s for s in list_stores(ws.ctx)}
        if args.store is not None and args.store not in stores:
            return _bad(f"no store {args.store} (see: storesync stores list)")
        if args.fetch:
            ids = [args.store] if args.store is not None else sorted(stores)

            def go(eng) -> int:
                futures = {sid: eng.run_action(sid, JobKind.ORDERS, returns_job) for sid in ids}
                bad = 0
                for sid, fut in futures.items():
                    try:
                        fut.result(ACTION_TIMEOUT)
                    except Exception as exc:  # one store failing does not hide the others
                        bad += 1
                        print(f"{stores[sid].name}: returns not read: {exc}", file=sys.stderr)
                return bad

            if _with_engine(args, ws, ids, go):
                return 1
        rows = list_returns(ws.ctx, args.store)
        if not rows:
            print("no returns")
        for r in rows:
            print(
                f"{r.store_name}  order {r.platform_order_id}  return {r.platform_return_id}  "
                f"{r.state.value} ({r.platform_status})"
                + ("" if r.goods_returned else "  refund only")
            )
            for ln in r.lines:
                sku = ln.variant_sku or ln.platform_sku or ln.name
                if ln.decided:
                    what = []
                    if ln.restocked:
                        what.append(f"restocked {ln.restocked} into {ln.location}")
                    if ln.written_off:
                        what.append(f"written off {ln.written_off}")
                    status = ", ".join(what)
                elif r.can_restock:
                    status = "to restock or write off"
                else:
                    status = "waiting for the goods"
                print(f"    {sku} x{ln.quantity}: {status}")
        return 0
    finally:
        ws.close()


# --------------------------------------------------------------------------- show


def cmd_show(args) -> int:
    """An order as the detail pane shows it, with who cancelled and why."""
    from app.core.services.errors import ServiceError
    from app.core.services.orders import get_order
    from app.core.services.returns import find_order, list_returns

    ws = _workspace(args)
    try:
        try:
            order = get_order(ws.ctx, find_order(ws.ctx, args.order, args.store))
        except ServiceError as exc:
            return _bad(str(exc))
        print(f"order {order.platform_order_id}: {order.status.value} ({order.platform_status})")
        if order.cancel_reason or order.cancelled_by:
            who = order.cancelled_by or "unknown"
            print(f"cancelled by {who}: {order.cancel_reason or 'no reason given'}")
        for it in order.items:
            print(
                f"    {it.platform_sku or it.name} x{it.quantity}: stock {it.inventory_state.value}"
            )
        for r in list_returns(ws.ctx, order_id=order.id):
            print(f"return {r.platform_return_id}: {r.state.value} ({r.platform_status})")
        return 0
    finally:
        ws.close()


# --------------------------------------------------------------------------- restock


def _parse_lines(items: list[str] | None) -> dict[str, int] | None:
    if not items:
        return None
    out: dict[str, int] = {}
    for item in items:
        sku, sep, qty = item.partition("=")
        if not sep or not sku.strip() or not qty.strip().isdigit():
            raise ValueError(f"--line takes SKU=QTY, not {item!r}")
        out[sku.strip()] = int(qty)
    return out


def cmd_restock(args) -> int:
    """Restock (or write off) a received return's lines, once."""
    from app.core.services.errors import ServiceError
    from app.core.services.returns import find_order, location_id_by_name, restock

    try:
        lines = _parse_lines(args.line)
    except ValueError as exc:
        return _bad(str(exc))
    if args.write_off and args.location:
        return _bad("--write-off puts nothing back: leave out --location")
    ws = _workspace(args)
    try:
        try:
            order_id = find_order(ws.ctx, args.order, args.store)
            location = location_id_by_name(ws.ctx, args.location) if args.location else None
            done = restock(
                ws.ctx, order_id, lines=lines, location_id=location, write_off=args.write_off
            )
        except ServiceError as exc:
            return _bad(str(exc))
        for d in done:
            parts = []
            if d.restocked:
                parts.append(f"{d.restocked} restocked into {d.location}")
            if d.written_off:
                parts.append(f"{d.written_off} written off")
            print(f"{d.sku}: {', '.join(parts)}")
        return 0
    finally:
        ws.close()
