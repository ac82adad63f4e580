"""``storesync orders ship``: arrange the shipment of orders from the command line.

One line per order (done with its tracking numbers, failed or needs input with the
reason); exit 0 when every order shipped, 1 when some did not, 2 on bad input (nothing
shipped), 3 when another process runs the engine on the data folder. The work is the
engine's ship job (app/core/sync/ship_job.py, docs/ARCHITECTURE.md "Fulfilment"); the
order sync it asks for afterwards brings the platforms' new statuses in.
"""

from __future__ import annotations

import argparse
import sys

from app.core.domain import ShipMethod, ShipOutcome

EXIT_BAD_INPUT = 2
SHIP_TIMEOUT = 900.0  # the whole batch, order sync included


def register(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``orders ship``."""
    p = actions.add_parser(
        "ship",
        parents=[common],
        help="arrange shipment of orders (pickup, drop-off or your own courier) and print "
        "their tracking numbers",
    )
    p.add_argument("--store", type=int, action="append", metavar="ID", help="only this store")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--order", action="append", metavar="N", help="platform order number (repeatable)"
    )
    which.add_argument(
        "--all-ready", action="store_true", help="every order still waiting to be shipped"
    )
    p.add_argument(
        "--method",
        choices=[ShipMethod.PICKUP.value, ShipMethod.DROPOFF.value],
        default=ShipMethod.PICKUP.value,
        help="for orders that offer both (default pickup, at each order's earliest slot); "
        "an order offering one method ships with it",
    )
    p.add_argument(
        "--tracking",
        action="append",
        default=[],
        metavar="ORDER=NUMBER",
        help="tracking number of an order going with your own (non-integrated) courier",
    )
    p.set_defaults(func=cmd_ship)


def _tracking(pairs: list[str]) -> dict[str, str] | str:
    out: dict[str, str] = {}
    for pair in pairs:
        order, sep, number = pair.partition("=")
        if not sep or not order.strip() or not number.strip():
            return f"--tracking {pair!r}: write ORDER=NUMBER, e.g. --tracking 240101ABCD=JX123"
        out[order.strip()] = number.strip()
    return out


def cmd_ship(args) -> int:
    """Ship the orders asked for; one line each."""
    from app.cli_sync import EXIT_BUSY, _open
    from app.core.engine_lock import EngineAlreadyRunning
    from app.core.services import audit, shipping
    from app.core.services.stores import list_stores

    tracking = _tracking(args.tracking)
    if isinstance(tracking, str):
        print(f"error: {tracking}", file=sys.stderr)
        return EXIT_BAD_INPUT
    ws = _open(args)
    try:
        stores = {s.id: s for s in list_stores(ws.ctx)}
        unknown = [i for i in args.store or [] if i not in stores]
        if unknown:
            print(
                f"error: no store {', '.join(map(str, unknown))} (see: storesync stores list)",
                file=sys.stderr,
            )
            return EXIT_BAD_INPUT
        store_ids = list(args.store or [])
        if args.all_ready:
            targets = shipping.to_ship(ws.ctx, store_ids)
        else:
            targets, missing = shipping.find_orders(ws.ctx, args.order, store_ids)
            if missing:
                print(
                    f"error: no order {', '.join(missing)}"
                    f"{' in that store' if store_ids else ''} (order numbers as the "
                    "platform shows them; run `storesync sync --once` to fetch new ones)",
                    file=sys.stderr,
                )
                return EXIT_BAD_INPUT
        stray = sorted(set(tracking) - {t.platform_order_id for t in targets})
        if stray and not args.all_ready:
            print(f"error: --tracking names orders not shipped here: {', '.join(stray)}",
                  file=sys.stderr)  # fmt: skip
            return EXIT_BAD_INPUT
        if not targets:
            print("no orders waiting to be shipped")
            return 0
        # who asked (the engine's own change is recorded as "sync"): services/audit.py
        audit.record_request(ws.ctx, "order", [t.order_id for t in targets], "ship_requested")
        return _ship(args, ws, [stores[t.store_id] for t in targets], targets, tracking)
    except EngineAlreadyRunning as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BUSY
    finally:
        ws.close()


def _ship(args, ws, stores, targets, tracking) -> int:
    from app.cli_sync import _engine_options
    from app.core.sync.engine import SyncEngine
    from app.core.sync.ship_job import ShipChoice, ship_orders
    from app.demo import saved_demo_marketplace

    eng = SyncEngine(ws, None, _engine_options(args, True, None))
    eng.start(role="orders ship")  # EngineAlreadyRunning: the app or a sync runs
    # a demo folder after `storesync demo` ended: its saved marketplace comes back
    with saved_demo_marketplace(ws, stores):
        try:
            choice = ShipChoice(method=ShipMethod(args.method), tracking=tracking)
            results = ship_orders(
                eng, targets, choice, wait_for_sync=True, only_ready=args.all_ready
            ).result(timeout=SHIP_TIMEOUT)
        finally:
            eng.stop()
    if not results:  # "to ship" here, but no store had one ready (e.g. TikTok ON_HOLD)
        print("no orders waiting to be shipped")
        return 0
    for r in results:
        t = r.target
        head = f"{t.store_name}: {t.platform_order_id}"
        if r.outcome is ShipOutcome.DONE:
            numbers = ", ".join(r.tracking_numbers) or "tracking number not assigned yet"
            print(f"{head} shipped ({r.method.value if r.method else '-'}): {numbers}")
        elif r.outcome is ShipOutcome.NEEDS_INPUT:
            print(f"{head} needs input: {r.reason}")
        else:
            print(f"{head} failed: {r.reason}")
    done = sum(r.outcome is ShipOutcome.DONE for r in results)
    print(f"{done} of {len(results)} orders shipped")
    return 0 if done == len(results) else 1
