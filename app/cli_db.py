"""Headless commands for the team database: ``storesync db copy-to URL`` and
``storesync db use URL`` (docs/ARCHITECTURE.md, "Team database")."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from app.core.paths import resolve_paths

ENV_PASSWORD = "STORESYNC_DATABASE_PASSWORD"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``db copy-to`` and ``db use``."""
    db = sub.add_parser("db", parents=[common], help="the team database (PostgreSQL)")
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    c = actions.add_parser(
        "copy-to",
        parents=[common],
        help="copy this data folder's local workspace into an EMPTY PostgreSQL database "
        "(the local file is left as it is)",
    )
    c.add_argument("url", metavar="URL", help="postgresql+psycopg://USER@HOST:5432/DATABASE")
    c.add_argument(
        "--use", action="store_true", help="afterwards, open this data folder on that database"
    )
    c.set_defaults(func=cmd_copy_to)
    u = actions.add_parser(
        "use",
        parents=[common],
        help="open this data folder on the team database at URL from now on "
        "(--local: back to the local file)",
    )
    u.add_argument("url", metavar="URL", nargs="?")
    u.add_argument("--local", action="store_true", help="use the local file again")
    u.set_defaults(func=cmd_use)


def _secrets(paths):
    from app.core.secrets import SecretStore

    return SecretStore(paths.data_dir / "insecure-secrets.json")


def _password(paths, url_text: str) -> str | None:
    """The password: in the URL, else $STORESYNC_DATABASE_PASSWORD, else asked for on a
    terminal when the keychain has none (None: the keychain's is used)."""
    from app.core.db.team import keychain_key, parse_url

    url = parse_url(url_text)
    if url.password:
        return url.password
    if os.environ.get(ENV_PASSWORD):
        return os.environ[ENV_PASSWORD]
    if _secrets(paths).get(keychain_key(url), "password") is None and sys.stdin.isatty():
        return getpass.getpass(f"Password for {url.username}@{url.host}: ") or None
    return None


def cmd_copy_to(args: argparse.Namespace) -> int:
    """Copy the local workspace; one line per table group, then the totals."""
    from app.core.db.team import parse_url, shown
    from app.core.workspace import copy_workspace_to, use_team_database

    paths = resolve_paths(args.data_dir)
    secrets = _secrets(paths)
    password = _password(paths, args.url)

    def progress(group: str, done: int, total: int) -> None:
        if group:
            print(f"copying {group} ({done + 1}/{total})", flush=True)

    report = copy_workspace_to(paths, args.url, secrets, password=password, progress=progress)
    target = shown(parse_url(args.url))
    print(
        f"copied {report.total} rows in {len(report.rows)} tables to {target}; "
        "row counts and the ledger check out; the local file is unchanged"
    )
    if args.use:
        use_team_database(paths, args.url, password, secrets)
        print(f"this data folder now opens {target}")
    return 0


def cmd_use(args: argparse.Namespace) -> int:
    """Remember the team database for this data folder (the password in the keychain)."""
    from app.core.workspace import check_team_database, use_team_database

    paths = resolve_paths(args.data_dir)
    secrets = _secrets(paths)
    if args.local or not args.url:
        use_team_database(paths, None, None, secrets)
        print(f"{paths.data_dir} uses its local database file again")
        return 0
    password = _password(paths, args.url)
    version = check_team_database(args.url, password, secrets)
    shown_url = use_team_database(paths, args.url, password, secrets)
    print(f"{paths.data_dir} now opens {shown_url} (PostgreSQL {version})")
    return 0
