"""``storesync bundles list|set|clear``: bundles and kits from the command line.

``set GIFT-SET "TEE-RED-M×2, MUG-01×1"`` makes a variant a bundle of those components
(``x`` and ``*`` work for ``×``); ``clear`` makes it a plain variant again; ``list``
shows every bundle with its components and available stock. The rules are
``app/core/services/bundles.py`` (docs/ARCHITECTURE.md, bundles and kits); a change
queues the pushes to every store listing the bundle, sent by the app or ``sync``.

Exit status: 0 done, 2 bad input (one line saying what to do; nothing changed).
"""

from __future__ import annotations

import argparse
import sys

from app.core.paths import resolve_paths

EXIT_BAD_INPUT = 2


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``bundles`` and its actions."""
    p = sub.add_parser("bundles", parents=[common], help="list, define or clear bundles and kits")
    actions = p.add_subparsers(dest="bundles_cmd", metavar="ACTION", required=True)
    a = actions.add_parser("list", parents=[common], help="every bundle with its components")
    a.set_defaults(func=cmd_list)
    a = actions.add_parser("set", parents=[common], help="make a SKU a bundle of components")
    a.add_argument("sku")
    a.add_argument("components", help='e.g. "TEE-RED-M×2, MUG-01×1" (x or * also work)')
    a.set_defaults(func=cmd_set)
    a = actions.add_parser("clear", parents=[common], help="make a bundle a plain SKU again")
    a.add_argument("sku")
    a.set_defaults(func=cmd_clear)


def _open(args: argparse.Namespace):
    from app.core.workspace import open_workspace

    return open_workspace(resolve_paths(args.data_dir))


def _fail(message: object) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _parts(components) -> str:
    from app.core.services.bundles import format_components

    return format_components((c.sku, c.quantity) for c in components)


def cmd_list(args: argparse.Namespace) -> int:
    """One line per bundle: SKU, available, components."""
    from app.core.services import bundles

    ws = _open(args)
    try:
        rows = bundles.list_bundles(ws.ctx)
    finally:
        ws.close()
    if not rows:
        print('no bundles (make one with: storesync bundles set SKU "A×2, B×1")')
    for b in rows:
        print(f"{b.sku}\tavailable {b.available}\t{_parts(b.components)}")
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    """Set a bundle's components."""
    from app.core.services import bundles
    from app.core.services.errors import ServiceError

    if not args.components.strip():
        return _fail(f'name the components, e.g. "A×2, B×1" (to undo: bundles clear {args.sku})')
    ws = _open(args)
    try:
        parts = bundles.set_components_by_sku(ws.ctx, args.sku, args.components)
    except ServiceError as exc:
        return _fail(exc)
    finally:
        ws.close()
    print(f"{args.sku.strip()} = {_parts(parts)}")
    return 0


def cmd_clear(args: argparse.Namespace) -> int:
    """Make a bundle a plain variant."""
    from app.core.services import bundles
    from app.core.services.errors import ServiceError

    ws = _open(args)
    try:
        bundles.clear_by_sku(ws.ctx, args.sku)
    except ServiceError as exc:
        return _fail(exc)
    finally:
        ws.close()
    print(f"{args.sku.strip()} is a plain SKU again")
    return 0
