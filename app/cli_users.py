"""``storesync users ...`` and ``storesync audit list``, and who the command line acts as.

Without accounts every command acts as the single owner, silently. Once accounts are on
(a second user was added) a command names its user with ``--user NAME``; the password
comes from ``STORESYNC_PASSWORD`` or a prompt. The services then check that user's role
(app/core/services/permissions.py, docs/ARCHITECTURE.md "Accounts and permissions"), the
same rules as in the app.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from app.core.paths import resolve_paths

PASSWORD_ENV = "STORESYNC_PASSWORD"
USER_ENV = "STORESYNC_USER"
EXIT_DENIED = 4  # not signed in, wrong password, or the role may not do it
_ROLES = ("owner", "admin", "staff", "viewer")


class NotSignedIn(Exception):
    """Accounts are on and no usable ``--user`` was given (the message says what to do)."""


def open_signed_in(args: argparse.Namespace, *, engine_only: bool = False):
    """Open the workspace acting as the command's user.

    ``engine_only``: the command only runs the sync engine (``storesync sync``), which
    acts as ``sync`` whoever started it, so it asks for nobody."""
    from app.core.services import accounts
    from app.core.workspace import open_workspace

    ws = open_workspace(resolve_paths(args.data_dir))
    try:
        user = getattr(args, "user", None) or os.environ.get(USER_ENV)
        if not accounts.accounts_on(ws.ctx) or (engine_only and not user):
            ws.ctx = accounts.silent_owner(ws.ctx)
            return ws
        if not user and sys.stdin.isatty():
            user = input("User: ").strip()
        if not user:
            raise NotSignedIn(
                f"accounts are on: add --user NAME (the password from a prompt or {PASSWORD_ENV})"
            )
        password = os.environ.get(PASSWORD_ENV)
        if password is None:
            if not sys.stdin.isatty():
                raise NotSignedIn(
                    f"no password for {user}: set {PASSWORD_ENV} or run in a terminal"
                )
            password = getpass.getpass(f"Password for {user}: ")
        ws.ctx = accounts.sign_in(ws.ctx, user, password)
        return ws
    except BaseException:
        ws.close()
        raise


def add_user_option(common: argparse.ArgumentParser, *, suppress: bool) -> None:
    """``--user NAME`` beside ``--data-dir`` on every command."""
    common.add_argument(
        "--user",
        metavar="NAME",
        default=argparse.SUPPRESS if suppress else None,
        help=f"act as this user when accounts are on (password: a prompt or {PASSWORD_ENV})",
    )


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``users`` and ``audit``."""
    users = sub.add_parser("users", parents=[common], help="local accounts and their roles")
    act = users.add_subparsers(dest="users_action", metavar="ACTION", required=True)
    act.add_parser("list", parents=[common], help="every user with role and state").set_defaults(
        func=cmd_list
    )
    p = act.add_parser("add", parents=[common], help="add a user (turns sign-in on)")
    p.add_argument("name")
    p.add_argument("--role", choices=_ROLES, required=True)
    p.add_argument("--display-name", default="")
    p.set_defaults(func=cmd_add)
    p = act.add_parser("set-role", parents=[common], help="change a user's role")
    p.add_argument("name")
    p.add_argument("role", choices=_ROLES)
    p.set_defaults(func=cmd_set_role)
    p = act.add_parser("passwd", parents=[common], help="set or reset a user's password")
    p.add_argument("name")
    p.set_defaults(func=cmd_passwd)
    p = act.add_parser("disable", parents=[common], help="deactivate a user (history stays)")
    p.add_argument("name")
    p.set_defaults(func=lambda a: _set_active(a, False))
    p = act.add_parser("enable", parents=[common], help="reactivate a user")
    p.add_argument("name")
    p.set_defaults(func=lambda a: _set_active(a, True))

    audit = sub.add_parser("audit", parents=[common], help="the audit log: who changed what")
    aact = audit.add_subparsers(dest="audit_action", metavar="ACTION", required=True)
    # here --user filters the entries (as the issue names it) and who acts is --as NAME, so
    # this parser repeats the other common options instead of taking the shared parent
    # (argparse's conflict resolution would edit the shared --user in place)
    p = aact.add_parser("list", help="entries, newest first, filtered")
    p.add_argument("--data-dir", metavar="PATH", default=argparse.SUPPRESS, help="data folder")
    p.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS)
    p.add_argument("--user", dest="by_user", metavar="NAME", help="changes by this user")
    p.add_argument("--kind", help="store, setting, product, variant, stock, order, user, ...")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="from this day (workspace time zone)")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="up to and including this day")
    p.add_argument("--limit", type=int, default=200, help="lines to print (default 200)")
    p.add_argument("--xlsx", type=Path, metavar="FILE", help="write every match to FILE")
    p.add_argument("--as", dest="user", metavar="NAME", help="act as this user (accounts on)")
    p.set_defaults(func=cmd_audit_list)


# ------------------------------------------------------------------ users


def _new_password(name: str) -> str:
    password = os.environ.get("STORESYNC_NEW_PASSWORD")
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise NotSignedIn(f"no new password for {name}: set STORESYNC_NEW_PASSWORD")
    first = getpass.getpass(f"New password for {name}: ")
    if getpass.getpass("Again: ") != first:
        raise NotSignedIn("the two passwords differ; nothing changed")
    return first


def _run(args: argparse.Namespace, body) -> int:
    from app.core.services.errors import ServiceError

    try:
        ws = open_signed_in(args)
    except NotSignedIn as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_DENIED
    try:
        return int(body(ws) or 0)
    except NotSignedIn as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_DENIED
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        from app.core.services.permissions import PermissionDenied

        return EXIT_DENIED if isinstance(exc, PermissionDenied) else 2
    finally:
        ws.close()


def _when(dt: datetime | None) -> str:
    return "-" if dt is None else dt.astimezone().strftime("%Y-%m-%d %H:%M")


def cmd_list(args: argparse.Namespace) -> int:
    """One line per user."""
    from app.core.services import accounts

    def body(ws) -> int:
        print(f"{'user':<20} {'role':<7} {'state':<11} {'password':<8}  last sign-in")
        for u in accounts.list_users(ws.ctx):
            state = "active" if u.active else "deactivated"
            pw = "set" if u.has_password else "-"
            last = _when(u.last_sign_in_at)
            print(f"{u.username:<20} {u.role.value:<7} {state:<11} {pw:<8}  {last}")
        print("sign-in: " + ("on" if accounts.accounts_on(ws.ctx) else "off (single owner)"))
        return 0

    return _run(args, body)


def cmd_add(args: argparse.Namespace) -> int:
    """Add a user; its password from STORESYNC_NEW_PASSWORD or a prompt."""
    from app.core.services import accounts
    from app.core.services.permissions import Permission, require

    def body(ws) -> int:
        require(ws.ctx, Permission.MANAGE_USERS)  # before asking for a password
        password = _new_password(args.name)
        u = accounts.add_user(ws.ctx, args.name, password, args.role, args.display_name)
        print(f"added {u.username} ({u.role.value}); sign-in is on")
        return 0

    return _run(args, body)


def cmd_set_role(args: argparse.Namespace) -> int:
    from app.core.services import accounts

    def body(ws) -> int:
        u = accounts.set_role(ws.ctx, args.name, args.role)
        print(f"{u.username} is now {u.role.value}")
        return 0

    return _run(args, body)


def cmd_passwd(args: argparse.Namespace) -> int:
    from app.core.services import accounts

    def body(ws) -> int:
        accounts.set_password(ws.ctx, args.name, _new_password(args.name))
        print(f"password of {args.name} set")
        return 0

    return _run(args, body)


def _set_active(args: argparse.Namespace, active: bool) -> int:
    from app.core.services import accounts

    def body(ws) -> int:
        u = accounts.set_active(ws.ctx, args.name, active)
        print(f"{u.username} is {'active' if u.active else 'deactivated'}")
        return 0

    return _run(args, body)


# ------------------------------------------------------------------ audit


def _day(raw: str | None, tz, *, end: bool) -> datetime | None:
    """A local day's start (or the next day's start, for ``--until``) in UTC."""
    if not raw:
        return None
    try:
        day = datetime.strptime(raw, "%Y-%m-%d").date()
    except ValueError:
        raise NotSignedIn(f"{raw!r} is not a day: write YYYY-MM-DD, e.g. 2026-12-03") from None
    if end:
        day += timedelta(days=1)
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def cmd_audit_list(args: argparse.Namespace) -> int:
    """Print the matching entries (``--xlsx``: also write all of them to a file)."""
    from app.core.export.audit_xlsx import as_text, export_audit
    from app.core.services.analytics.calendar import zone
    from app.core.services.audit import AuditFilter, search

    def body(ws) -> int:
        tz = zone(ws.ctx)
        f = AuditFilter(
            user=(args.by_user or "").strip().lower() or None,
            kind=(args.kind or "").strip().lower() or None,
            since=_day(args.since, tz, end=False),
            until=_day(args.until, tz, end=True),
        )
        if args.xlsx:
            if args.xlsx.suffix.lower() != ".xlsx":
                raise NotSignedIn(f"{args.xlsx} should end in .xlsx")
            n = export_audit(ws.ctx, f, args.xlsx)
            print(f"wrote {n} entries to {args.xlsx}")
            return 0
        rows = search(ws.ctx, f, limit=max(1, args.limit))
        for r in rows:
            when = r.at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")
            change = " -> ".join(x for x in (as_text(r.before), as_text(r.after)) if x)
            note = f"  ({r.note})" if r.note else ""
            what = f"{r.actor:<12} {r.entity_type:<8} {r.entity_id:<14} {r.action:<14}"
            print(f"{when}  {what} {change}{note}")
        if not rows:
            print("no entries match")
        return 0

    return _run(args, body)
