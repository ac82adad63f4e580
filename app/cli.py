"""Headless commands: ``storesync doctor`` and friends."""

from __future__ import annotations

import argparse

from app.core.paths import resolve_paths


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add every subcommand to the parser."""
    p = sub.add_parser(
        "doctor",
        parents=[common],
        help="create or migrate the database and report the installation's "
        "health (exit 0 when healthy)",
    )
    p.set_defaults(func=cmd_doctor)
    from app import (
        cli_backup,
        cli_bundles,
        cli_db,
        cli_export,
        cli_orders,
        cli_prices,
        cli_sync,
        cli_users,
    )

    cli_sync.register(sub, common)
    cli_export.register(sub, common)
    cli_backup.register(sub, common)
    cli_db.register(sub, common)
    cli_orders.register(sub, common)
    cli_prices.register(sub, common)
    cli_users.register(sub, common)
    cli_bundles.register(sub, common)


def cmd_doctor(args: argparse.Namespace) -> int:
    """Print one line per check; exit 0 only when all pass."""
    from app.core.doctor import healthy, run_checks

    checks = run_checks(resolve_paths(args.data_dir))
    for c in checks:
        print(c.line())
    ok = healthy(checks)
    print("healthy" if ok else "NOT healthy")
    return 0 if ok else 1
