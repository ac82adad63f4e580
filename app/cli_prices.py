"""``storesync prices …``: a store's price rule, the review of what it changes, and the
push of only what the seller confirms (docs/ARCHITECTURE.md, "Prices").

- ``prices rule --store ID [--markup PCT] [--rounding N] [--below-cost yes|no]`` sets the
  rule and shows what it would change; it sends nothing;
- ``prices preview [--store ID]`` lists every listing whose price would change, old -> new,
  per store, and the confirmed prices not landed yet (held ones with the platform's reason);
- ``prices push [--store ID] [--yes]`` shows the same list, asks, queues what was
  confirmed and sends it (the store's push job), then prints each listing's result;
- ``prices fixed LISTING PRICE|none``, ``prices retry|dismiss LISTING… | --all``.

Exit 0 done, 1 some price not landed, 2 bad input (nothing changed), 3 another process
runs the engine on the data folder (a push is then queued for it to send).
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal, InvalidOperation

from app.core.money import format_rupiah

EXIT_BAD_INPUT = 2
PUSH_TIMEOUT = 600.0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``prices`` and its actions."""
    prices = sub.add_parser(
        "prices", parents=[common], help="price rules per store: review, then push"
    )
    acts = prices.add_subparsers(dest="prices_cmd", metavar="ACTION", required=True)

    def store_opt(p, help_text="only this store (repeatable)"):
        p.add_argument("--store", type=int, action="append", metavar="ID", help=help_text)

    p = acts.add_parser("preview", parents=[common], help="what the rules would change")
    store_opt(p)
    p.set_defaults(func=cmd_preview)
    p = acts.add_parser("push", parents=[common], help="push the reviewed price changes")
    store_opt(p)
    p.add_argument("--yes", action="store_true", help="do not ask (scripts)")
    p.set_defaults(func=cmd_push)
    p = acts.add_parser("rule", parents=[common], help="set a store's price rule (sends nothing)")
    p.add_argument("--store", type=int, required=True, metavar="ID")
    p.add_argument("--markup", metavar="PCT", help="percent on the master price; negative: off")
    p.add_argument("--rounding", type=int, choices=[0, 100, 500, 1000], help="nearest Rp step")
    p.add_argument("--below-cost", choices=["yes", "no"], help="allow prices under cost")
    p.set_defaults(func=cmd_rule)
    p = acts.add_parser("fixed", parents=[common], help="a listing's fixed price, or none")
    p.add_argument("listing", type=int)
    p.add_argument("price", help="whole rupiah, or 'none' to follow the store's rule")
    p.set_defaults(func=cmd_fixed)
    for name, func, text in (
        ("retry", cmd_retry, "send held prices again"),
        ("dismiss", cmd_dismiss, "drop held prices"),
    ):
        p = acts.add_parser(name, parents=[common], help=text)
        p.add_argument("listing", type=int, nargs="*")
        p.add_argument("--all", action="store_true", help="every held price")
        p.set_defaults(func=func)


def _fail(text: object) -> int:
    print(f"error: {text}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _open(args):
    from app.cli_sync import _open as open_ws

    return open_ws(args)


def _stores(ws, ids: list[int] | None) -> dict | str:
    from app.core.services.stores import list_stores

    known = {s.id: s for s in list_stores(ws.ctx)}
    unknown = [i for i in ids or [] if i not in known]
    if unknown:
        return f"no store {', '.join(map(str, unknown))} (see: storesync stores list)"
    return {i: known[i] for i in ids} if ids else known


def _print_changes(changes) -> None:
    store = None
    for c in changes:
        if c.store_id != store:
            store = c.store_id
            print(f"{c.store_name} (store {c.store_id}):")
        tail = " (fixed price)" if c.source == "fixed" else ""
        tail += f" — refused before: {c.note}" if c.note else ""
        print(
            f"  listing {c.listing_id}  {c.sku}  {format_rupiah(c.old)} -> "
            f"{format_rupiah(c.new)}{tail}"
        )


def _print_waiting(rows) -> None:
    for w in rows:
        state = {"held": "held", "failed": "retrying", "pending": "waiting"}[w.status.value]
        reason = f": {w.error}" if w.error else ""
        print(
            f"  {state}: {w.store_name} listing {w.listing_id} {w.sku} "
            f"{format_rupiah(w.old)} -> {format_rupiah(w.new)}{reason}"
        )


def cmd_preview(args) -> int:
    """List the changes; send nothing."""
    from app.core.services import prices

    ws = _open(args)
    try:
        stores = _stores(ws, args.store)
        if isinstance(stores, str):
            return _fail(stores)
        changes = prices.preview(ws.ctx, list(stores))
        _print_changes(changes)
        held = prices.waiting(ws.ctx, list(stores))
        if held:
            print("confirmed, not landed yet:")
            _print_waiting(held)
        print(f"{len(changes)} price change(s) to review; nothing was sent")
        return 0
    finally:
        ws.close()


def cmd_rule(args) -> int:
    """Set a store's rule and show what it would change (a rule never pushes by itself)."""
    from dataclasses import replace

    from app.core.services import prices
    from app.core.services import stores as store_service
    from app.core.services.errors import ServiceError

    ws = _open(args)
    try:
        stores = _stores(ws, [args.store])
        if isinstance(stores, str):
            return _fail(stores)
        current = stores[args.store].settings
        changed = {}
        try:
            if args.markup is not None:
                changed["price_adjust_percent"] = Decimal(args.markup)
        except InvalidOperation:
            return _fail(f"--markup {args.markup!r}: write a percentage, e.g. 12.5 or -10")
        if args.rounding is not None:
            changed["price_rounding"] = args.rounding
        if args.below_cost is not None:
            changed["price_below_cost"] = args.below_cost == "yes"
        try:
            store_service.update_settings(ws.ctx, args.store, replace(current, **changed))
        except ServiceError as exc:
            return _fail(exc)
        changes = prices.preview(ws.ctx, [args.store])
        _print_changes(changes)
        print(
            f"{len(changes)} price change(s) to review; nothing was sent "
            f"(push them with: storesync prices push --store {args.store})"
        )
        return 0
    finally:
        ws.close()


def cmd_push(args) -> int:
    """Review, ask, queue what was confirmed, send it and print each result."""
    from app.core.domain import PricePushStatus
    from app.core.engine_lock import EngineAlreadyRunning
    from app.core.services import prices

    ws = _open(args)
    try:
        stores = _stores(ws, args.store)
        if isinstance(stores, str):
            return _fail(stores)
        changes = prices.preview(ws.ctx, list(stores))
        # confirmed before (retried, or queued while another process ran the engine)
        queued_before = prices.waiting(
            ws.ctx, list(stores), (PricePushStatus.PENDING, PricePushStatus.FAILED)
        )
        if not changes and not queued_before:
            print("no price changes to push")
            return 0
        _print_changes(changes)
        if changes and not args.yes:
            if not sys.stdin.isatty():
                return _fail("add --yes to push without being asked (nothing was sent)")
            answer = input(f"Push these {len(changes)} price change(s)? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                print("nothing was sent")
                return 0
        queued, skipped = prices.confirm(ws.ctx, changes)
        if skipped:
            print(f"{skipped} change(s) skipped: the rule changed meanwhile; review again")
        rows = [(c.listing_id, c.store_name, c.sku, c.old, c.new) for c in changes] + [
            (w.listing_id, w.store_name, w.sku, w.old, w.new) for w in queued_before
        ]
        targets = sorted({c.store_id for c in changes} | {w.store_id for w in queued_before})
        try:
            _send(args, ws, [stores[i] for i in targets])
        except EngineAlreadyRunning as exc:
            print(f"{queued} price change(s) queued; {exc}: it sends them on its next pass")
            return 3
        return _report(ws, rows, targets)
    finally:
        ws.close()


def _send(args, ws, stores) -> None:
    from app.cli_sync import _engine_options
    from app.core.domain import JobKind
    from app.core.sync.engine import SyncEngine
    from app.demo import saved_demo_marketplace

    eng = SyncEngine(ws, None, _engine_options(args, True, None))
    eng.start(role="prices push")
    # a demo folder after `storesync demo` ended: its saved marketplace comes back
    with saved_demo_marketplace(ws, stores):
        try:
            futures = [eng.sync_now(s.id, (JobKind.STOCK_PUSH,)) for s in stores]
            for f in futures:
                f.result(timeout=PUSH_TIMEOUT)
        finally:
            eng.stop()


def _report(ws, rows, store_ids) -> int:
    from app.core.services import prices

    left = {w.listing_id: w for w in prices.waiting(ws.ctx, store_ids)}
    done = 0
    for lid, store_name, sku, old, new in rows:
        w = left.get(lid)
        head = f"{store_name}: {sku} {format_rupiah(old)} -> {format_rupiah(new)}"
        if w is None:
            done += 1
            print(f"{head} pushed")
        elif w.status.value == "held":
            print(f"{head} refused: {w.error} (retry or dismiss: storesync prices retry|dismiss "
                  f"{lid})")  # fmt: skip
        else:
            print(f"{head} not sent yet: {w.error or 'waiting'}")
    print(f"{done} of {len(rows)} price change(s) pushed")
    return 0 if done == len(rows) else 1


def cmd_fixed(args) -> int:
    """Set or clear a listing's fixed price (shown by the next review; sends nothing)."""
    from app.core.services import prices
    from app.core.services.errors import ServiceError

    price: Decimal | None = None
    if args.price.lower() != "none":
        try:
            price = Decimal(args.price)
        except InvalidOperation:
            return _fail(f"{args.price!r}: write whole rupiah, e.g. 125000, or none")
    ws = _open(args)
    try:
        prices.set_fixed_price(ws.ctx, args.listing, price)
    except ServiceError as exc:
        return _fail(exc)
    finally:
        ws.close()
    now = "follows its store's rule" if price is None else f"fixed at {format_rupiah(price)}"
    print(f"listing {args.listing}: {now}; review with: storesync prices preview")
    return 0


def _held_ids(ws, args) -> list[int] | str:
    from app.core.domain import PricePushStatus
    from app.core.services import prices

    held = prices.waiting(ws.ctx, statuses=(PricePushStatus.HELD, PricePushStatus.FAILED))
    if args.all:
        return [w.listing_id for w in held]
    if not args.listing:
        return "name the listings (ids from: storesync prices preview) or use --all"
    stray = sorted(set(args.listing) - {w.listing_id for w in held})
    if stray:
        return f"no held price for listing {', '.join(map(str, stray))}"
    return list(args.listing)


def _held_action(args, action, verb: str) -> int:
    ws = _open(args)
    try:
        ids = _held_ids(ws, args)
        if isinstance(ids, str):
            return _fail(ids)
        print(f"{action(ws.ctx, ids)} price(s) {verb}")
        return 0
    finally:
        ws.close()


def cmd_retry(args) -> int:
    """Queue held prices again (sent by the next push pass or `prices push`)."""
    from app.core.services import prices

    return _held_action(args, prices.retry, "queued again")


def cmd_dismiss(args) -> int:
    """Drop held prices."""
    from app.core.services import prices

    return _held_action(args, prices.dismiss, "dismissed")
