"""Headless commands for the database's safety: ``backup`` and ``restore``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.core.paths import resolve_paths


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``backup`` and ``restore``."""
    b = sub.add_parser(
        "backup",
        parents=[common],
        help="copy the database (safe while StoreSync runs) into the backups folder, "
        "keeping the newest 7, or to --out FILE",
    )
    b.add_argument("--out", metavar="FILE", type=Path, help="write the backup to FILE instead")
    b.set_defaults(func=cmd_backup)
    r = sub.add_parser(
        "restore",
        parents=[common],
        help="check FILE and make it the database; the replaced database is kept beside it",
    )
    r.add_argument("file", metavar="FILE", type=Path)
    r.set_defaults(func=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    """Back the database up; prints where the copy went."""
    from app.core.db.backup import create_backup

    paths = resolve_paths(args.data_dir)
    if not paths.database.is_file():
        print(f"error: there is no database in {paths.data_dir} to back up", file=sys.stderr)
        return 1
    out = args.out.expanduser().resolve() if args.out else None
    dest = create_backup(paths.database, out=out)
    print(f"backed up {paths.database} to {dest}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore a backup after checking it; prints where the previous database was kept."""
    from app.core.db.backup import restore_backup

    source = args.file.expanduser()
    if not source.is_file():
        print(f"error: {source} is not a file", file=sys.stderr)
        return 1
    _may_restore(args)
    result = restore_backup(resolve_paths(args.data_dir), source)
    print(f"restored {result.restored_from} (schema {result.revision})")
    if result.replaced is not None:
        print(f"the previous database is kept at {result.replaced}")
    return 0


def _may_restore(args: argparse.Namespace) -> None:
    """With accounts on, restoring (it replaces every order, user and setting) needs a
    role that may change the settings, as in the app (core/workspace.py ``restore_into``).

    A database that does not open (damaged, newer) cannot say who may: restoring is the
    way back from that, open to whoever can reach the data folder."""
    from app.cli_users import open_signed_in
    from app.core.db.problems import as_problem
    from app.core.services.permissions import Permission, require

    try:
        ws = open_signed_in(args)
    except Exception as exc:
        if as_problem(exc) is None:
            raise  # not signed in, a wrong password: one line from run_command
        return
    try:
        require(ws.ctx, Permission.EDIT_SETTINGS)
    finally:
        ws.close()
