"""``storesync orders picklist|slips|shelf``: the picking list and packing slips as PDF,
and a variant's shelf code, from the command line.

No engine and no network: the data is the workspace's (``app/core/services/picking.py``),
drawn by ``app/printing`` with Qt's offscreen platform when there is no display. Reading
works while the app runs (SQLite WAL readers wait for nobody).

Exit status: 0 written, 2 bad input (unknown order or store, no matching orders, a path
that cannot be written): one line saying what to do, nothing written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.core.domain import OrderStatus

EXIT_BAD_INPUT = 2


def register(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``picklist``, ``slips`` and ``shelf``."""
    for name, func, text in (
        ("picklist", cmd_picklist, "write a picking list (A4 PDF) for a batch of orders"),
        ("slips", cmd_slips, "write one packing slip per order (PDF, with a barcode)"),
    ):
        p = actions.add_parser(name, parents=[common], help=text)
        p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
        p.add_argument("--store", type=int, metavar="ID", help="only this store's orders")
        p.add_argument(
            "--order",
            dest="orders",
            action="append",
            default=[],
            metavar="NUMBER",
            help="a platform order number (repeatable; kept in this order)",
        )
        p.add_argument(
            "--status",
            choices=[s.value for s in OrderStatus],
            help="every order with this status (default without --order: to_ship)",
        )
        if name == "slips":
            p.add_argument(
                "--size", choices=("a6", "a5"), default="a6", help="slip page size (default a6)"
            )
        p.set_defaults(func=func)

    sh = actions.add_parser(
        "shelf", parents=[common], help="set where a SKU sits in a location (picking order)"
    )
    sh.add_argument("sku")
    sh.add_argument("shelf", help='the shelf or bin code, e.g. A-03-2 ("" clears it)')
    sh.add_argument("--location", metavar="CODE", help="location code (default: the default)")
    sh.set_defaults(func=cmd_shelf)


def _fail(text: object) -> int:
    print(f"error: {text}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _choose(ctx, args: argparse.Namespace) -> list[int]:
    from app.core.services import picking

    status = OrderStatus(args.status) if args.status else None
    if not args.orders and status is None:
        status = OrderStatus.TO_SHIP
    if args.orders and status is not None:
        raise ValueError("give --order numbers or --status, not both")
    ids = picking.select_orders(ctx, store_id=args.store, numbers=args.orders, status=status)
    if not ids:
        raise ValueError(f"no {status} orders to print: sync first, or name them with --order")
    return ids


def _run(args: argparse.Namespace, write) -> int:
    from app.cli_users import open_signed_in
    from app.core.services.errors import ServiceError

    if args.out.suffix.lower() != ".pdf":
        return _fail(f"{args.out} should end in .pdf")
    ws = open_signed_in(args)
    try:
        ids = _choose(ws.ctx, args)
        line = write(ws.ctx, ids, args)
    except (ServiceError, ValueError, OSError) as exc:
        return _fail(exc)
    finally:
        ws.close()
    print(line)
    return 0


def cmd_picklist(args: argparse.Namespace) -> int:
    """Write the picking list of the chosen orders."""
    from app.core.services import picking
    from app.printing.documents import write_picking_list

    def write(ctx, ids, a) -> str:
        plist = picking.picking_list(ctx, ids)
        if not plist.order_count:
            raise ValueError("every chosen order is cancelled: nothing to pick")
        pages = write_picking_list(a.out, plist)
        left = f"; left out (cancelled): {', '.join(plist.skipped_cancelled)}"
        return (
            f"wrote {a.out}: {pages} page(s), {plist.order_count} orders, "
            f"{plist.total_quantity} units, {len(plist.rows)} SKU rows"
            + (f", {len(plist.unmapped)} unmapped lines" if plist.unmapped else "")
            + (left if plist.skipped_cancelled else "")
        )

    return _run(args, write)


def cmd_slips(args: argparse.Namespace) -> int:
    """Write one packing slip per chosen order."""
    from app.core.services import picking
    from app.printing.documents import write_packing_slips

    def write(ctx, ids, a) -> str:
        slips = picking.packing_slips(ctx, ids)
        pages = write_packing_slips(a.out, slips, size=a.size)
        return f"wrote {a.out}: {len(slips)} packing slips on {pages} page(s)"

    return _run(args, write)


def cmd_shelf(args: argparse.Namespace) -> int:
    """Set a variant's shelf code at a location."""
    from app.cli_users import open_signed_in
    from app.core.services import catalog, locations, picking
    from app.core.services.errors import ServiceError

    ws = open_signed_in(args)
    try:
        variant = catalog.find_variant_by_sku(ws.ctx, args.sku)
        if variant is None:
            return _fail(f"no SKU {args.sku} in the catalog")
        locs = locations.list_locations(ws.ctx)
        if args.location:
            loc = next((x for x in locs if x.code.casefold() == args.location.casefold()), None)
            if loc is None:
                codes = ", ".join(x.code for x in locs)
                return _fail(f"no location {args.location} (locations: {codes})")
        else:
            loc = next((x for x in locs if x.is_default), locs[0])
        shelf = picking.set_shelf(ws.ctx, variant.id, loc.id, args.shelf)
    except ServiceError as exc:
        return _fail(exc)
    finally:
        ws.close()
    print(f"{variant.sku} at {loc.code}: shelf {shelf or '(none)'}")
    return 0
