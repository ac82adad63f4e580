"""Composition root and command line: ``storesync`` / ``python -m app``.

Without a command it starts the desktop app. Commands run headless.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from app import __version__


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (subcommands register themselves in :mod:`app.cli`)."""
    from app import cli

    parser = argparse.ArgumentParser(
        prog="storesync",
        parents=[_common_options(suppress=False)],
        description="StoreSync: one catalog and one stock count for all your marketplace "
        "stores. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"StoreSync {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start with the built-in sandbox marketplaces and demo shops",
    )
    parser.add_argument(
        "--self-test", action="store_true", help="check this installation end to end, then exit"
    )
    parser.add_argument(
        "--language",
        choices=("id", "en"),
        help="open the app in this language this time (default: the one chosen in Settings)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Each subcommand repeats the common options, so they work before or after the
    # command. There the defaults are SUPPRESS: a subcommand that was not given the
    # option leaves alone what the main parser read (a None default would overwrite
    # ``storesync --data-dir D status`` back to the default folder).
    cli.register(sub, _common_options(suppress=True))
    return parser


def _common_options(*, suppress: bool) -> argparse.ArgumentParser:
    """``--data-dir`` and ``-v``; with ``suppress`` they set nothing when not given."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="PATH",
        default=argparse.SUPPRESS if suppress else None,
        help="keep all data in PATH (default: the OS user data folder); "
        "before or after the command",
    )
    common.add_argument(
        "--database-url",
        metavar="URL",
        default=argparse.SUPPRESS if suppress else None,
        help="use the team database at URL (postgresql+psycopg://USER@HOST:5432/DB; the "
        "password from the keychain) instead of the local file; same as "
        "STORESYNC_DATABASE_URL",
    )
    common.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="log debug output",
    )
    from app.cli_users import add_user_option

    add_user_option(common, suppress=suppress)  # who acts when accounts are on
    return common


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.database_url:
        # every command opens its workspace through app.core.workspace, which reads this
        # (app/core/db/team.py); set for this run only, never saved
        os.environ["STORESYNC_DATABASE_URL"] = args.database_url
    from app.core.logs import setup_logging
    from app.core.paths import resolve_paths

    # rotating files in the log folder (the data folder's logs/ with --data-dir)
    setup_logging(verbose=args.verbose, log_dir=resolve_paths(args.data_dir).logs_dir)
    if args.self_test:
        from app.selftest import run_self_test

        return run_self_test(verbose=args.verbose)
    if args.command is None:
        from app.gui.launch import run_gui

        return run_gui(data_dir=args.data_dir, demo=args.demo, language=args.language)
    return run_command(args)


def run_command(args: argparse.Namespace) -> int:
    """Run a subcommand. The one place a database problem (locked, damaged, newer schema,
    read-only folder, full disk) becomes a one-line message with what to do and exit code
    2, instead of a traceback; the data stays as it was."""
    from app.cli_users import EXIT_DENIED, NotSignedIn
    from app.core.db.problems import EXIT_CODE, as_problem
    from app.core.services.accounts import SignInFailed
    from app.core.services.permissions import PermissionDenied

    try:
        return int(args.func(args) or 0)
    except (NotSignedIn, SignInFailed, PermissionDenied) as exc:
        # one line, nothing changed: the role's rule (services/permissions.py) or sign-in
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_DENIED
    except Exception as exc:
        problem = as_problem(exc)
        if problem is None:
            raise
        print(f"error: {problem.line()}", file=sys.stderr)
        return EXIT_CODE


if __name__ == "__main__":
    sys.exit(main())
