"""``storesync orders labels --out FILE.pdf [--store ID] [--order N …|--all-shipped]``.

The airway bills of the chosen orders merged into one PDF in the order given (by default,
and with ``--all-shipped``: every order whose shipment is arranged and not yet picked up,
oldest first, after fetching each store's orders so a shipment just arranged counts).
Labels already downloaded come from the cache in the data folder, without network
(docs/ARCHITECTURE.md, "Fulfilment"). Prints the page count and one line per order that
did not print; exit 0 when all printed, 1 when some did not, 2 on bad input, 3 when the
app or another command syncs this data folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

#: how long the whole print may take (polls included), seconds
DEADLINE = 600.0


def register(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``labels``."""
    p = actions.add_parser(
        "labels",
        parents=[common],
        help="airway bills of shipped orders merged into one PDF",
    )
    p.add_argument("--out", required=True, help="the PDF file to write")
    p.add_argument("--store", type=int, action="append", help="only this store (repeatable)")
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--order", nargs="+", action="extend", metavar="N", help="order numbers, in print order"
    )
    which.add_argument(
        "--all-shipped",
        action="store_true",
        help="every order whose shipment is arranged and not picked up yet (the default)",
    )
    p.set_defaults(func=cmd_labels)


def _bad(text: str) -> int:
    print(f"error: {text}", file=sys.stderr)
    return 2


def cmd_labels(args) -> int:
    from app.cli_sync import EXIT_BUSY, _open
    from app.core.engine_lock import EngineAlreadyRunning
    from app.core.services.stores import list_stores

    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".pdf":
        return _bad(f"--out {args.out}: give a file name ending in .pdf")
    if not out.parent.is_dir():
        return _bad(f"--out {args.out}: the folder {out.parent} does not exist")
    if out.is_dir():
        return _bad(f"--out {args.out} is a folder; give a file name ending in .pdf")
    ws = _open(args)
    try:
        known = {s.id: s for s in list_stores(ws.ctx)}
        unknown = [i for i in args.store or [] if i not in known]
        if unknown:
            return _bad(f"no store {', '.join(map(str, unknown))} (see: storesync stores list)")
        if not known:
            return _bad("no stores connected (see: storesync stores add)")
        return _print(args, ws, out, sorted(args.store or known), known)
    except EngineAlreadyRunning as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BUSY
    finally:
        ws.close()


def _print(args, ws, out: Path, store_ids: list[int], known: dict) -> int:
    from app.core.domain import JobKind
    from app.core.export.labels_pdf import merge_results
    from app.core.services import labels as svc
    from app.core.sync.documents_job import request_labels
    from app.core.sync.engine import EngineOptions, SyncEngine

    if args.order:
        one = args.store[0] if args.store and len(args.store) == 1 else None
        ids, missing = svc.order_ids_by_number(ws.ctx, args.order, one)
        if args.store:
            ids = [t.order_id for t in svc.label_targets(ws.ctx, ids) if t.store_id in store_ids]
        if missing:
            return _bad(
                f"no single order numbered {', '.join(missing)}"
                + ("" if args.store else " (give --store when two stores share a number)")
            )
    eng = SyncEngine(ws, None, EngineOptions(schedule=False, stores=frozenset(store_ids)))
    eng.start(role="orders labels")  # EngineAlreadyRunning: exit 3 naming the holder
    from app.demo import saved_demo_marketplace

    # a demo folder after `storesync demo` ended: its saved marketplace comes back
    with saved_demo_marketplace(ws, list(known.values())):
        try:
            if not args.order:
                # the seller may just have arranged shipment: read each store's orders first
                awake = [i for i in store_ids if not known[i].paused]
                for fut in [eng.sync_now(i, (JobKind.ORDERS,)) for i in awake]:
                    fut.result(timeout=DEADLINE)
                ids = [i for sid in store_ids for i in svc.shipped_order_ids(ws.ctx, sid)]
            targets = svc.label_targets(ws.ctx, ids)
            if not targets:
                print("no orders to print (arrange shipment first, or name them with --order)")
                return 1
            cache = svc.LabelCache(ws.paths.data_dir)
            req = request_labels(eng, targets, cache, lambda rs: merge_results(rs, out), DEADLINE)
            merged = req.result.result(timeout=DEADLINE + 60)
        finally:
            eng.stop()
    labels = sum(len(r.files) for r in merged.results if r.ok)
    printed = len(merged.results) - len(merged.failed)
    if merged.path is not None:
        print(f"{merged.pages} pages ({labels} labels, {printed} orders) written to {merged.path}")
    else:
        print("nothing printed")
    for r in merged.failed:
        t = r.target
        print(f"order {t.platform_order_id} ({known[t.store_id].name}): {r.error}")
    return 1 if merged.failed or merged.path is None else 0
