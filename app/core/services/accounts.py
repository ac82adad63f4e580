"""Local accounts: users, roles, passwords (argon2id), signing in.

A workspace starts with one user, ``owner``, who acts silently: no password, no sign-in.
Creating a second user turns accounts on (the ``accounts_on`` workspace row); from then on
the app and the command line ask who is working, and the services check that user's role
(:mod:`app.core.services.permissions`, docs/ARCHITECTURE.md "Accounts and permissions").

Passwords are hashed with argon2-cffi's ``PasswordHasher`` (argon2id, its RFC 9106
defaults); a hash made with older parameters is replaced at the next sign-in. Neither a
password nor a hash ever reaches a log line, an exception or the audit log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.db.models import Setting, User
from app.core.domain import Role
from app.core.services import audit
from app.core.services.context import ServiceContext
from app.core.services.errors import ConflictError, NotFoundError, ServiceError, ValidationError
from app.core.services.permissions import ENGINE_ROLE, Permission, require
from app.core.text import msg

#: the workspace row that turns sign-in on (not on the Settings page: it follows the users)
ACCOUNTS_ON_KEY = "accounts_on"
MIN_PASSWORD = 8
_NAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,79}$")
_hasher = PasswordHasher()


class SignInFailed(ServiceError):
    """A wrong user name or password, or a deactivated account. Nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class UserRow:
    """One account as the users page and ``storesync users list`` show it."""

    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    has_password: bool
    last_sign_in_at: datetime | None
    created_at: datetime


def _row(u: User) -> UserRow:
    return UserRow(
        u.id,
        u.username,
        u.display_name,
        u.role,
        u.active,
        u.password_hash is not None,
        u.last_sign_in_at,
        u.created_at,
    )


# ------------------------------------------------------------------ accounts on / off


def _accounts_row(s: Session, ctx: ServiceContext) -> Setting | None:
    return s.scalar(
        select(Setting).where(
            Setting.workspace_id == ctx.workspace_id, Setting.key == ACCOUNTS_ON_KEY
        )
    )


def accounts_on(ctx: ServiceContext) -> bool:
    """Whether the app and the command line ask who is working."""
    with ctx.read() as s:
        row = _accounts_row(s, ctx)
        return bool(row is not None and row.value is True)


def _turn_on(s: Session, ctx: ServiceContext) -> None:
    row = _accounts_row(s, ctx)
    if row is not None and row.value is True:
        return
    if row is None:
        s.add(Setting(workspace_id=ctx.workspace_id, key=ACCOUNTS_ON_KEY, value=True))
    else:
        row.value = True
    audit.record(s, ctx, "setting", ACCOUNTS_ON_KEY, "update", {"value": False}, {"value": True})


# ------------------------------------------------------------------ checks


def clean_username(raw: str) -> str:
    """Lower case, 1-80 of ``a-z 0-9 . _ @ -``; ``sync`` is the engine's name."""
    name = (raw or "").strip().lower()
    if not _NAME.match(name):
        raise ValidationError(
            msg("a user name is 1-80 letters, digits, dots, dashes, @ or underscores"),
            field="username",
        )
    if name == ENGINE_ROLE:
        raise ValidationError(msg("the user name 'sync' is kept for the sync engine"), "username")
    return name


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise ValidationError(
            msg("a password needs at least {n} characters", n=MIN_PASSWORD), field="password"
        )


def _role(raw: Role | str) -> Role:
    try:
        return Role(str(raw).strip().lower())
    except ValueError:
        raise ValidationError(
            msg("unknown role {role!r}: use owner, admin, staff or viewer", role=str(raw)),
            field="role",
        ) from None


def _user(s: Session, ctx: ServiceContext, username: str) -> User:
    u = s.scalar(
        select(User).where(
            User.workspace_id == ctx.workspace_id, User.username == (username or "").strip().lower()
        )
    )
    if u is None:
        raise NotFoundError(msg("no user {name!r}", name=username))
    return u


def _active_owners(s: Session, ctx: ServiceContext) -> list[User]:
    return list(
        s.scalars(
            select(User).where(
                User.workspace_id == ctx.workspace_id,
                User.role == Role.OWNER,
                User.active.is_(True),
            )
        )
    )


def _keep_an_owner(s: Session, ctx: ServiceContext, u: User) -> None:
    """The last active owner can be neither demoted nor deactivated."""
    if u.role == Role.OWNER and u.active and len(_active_owners(s, ctx)) <= 1:
        raise ValidationError(
            msg("{name} is the last owner; make another user owner first", name=u.username),
            field="role",
        )


def _owner_role_guard(ctx: ServiceContext, *roles: Role) -> None:
    """Only an owner gives or takes the owner role."""
    if Role.OWNER in roles and ctx.role != Role.OWNER.value:
        raise ValidationError(msg("only an owner can give or take the owner role"), field="role")


# ------------------------------------------------------------------ reads


def list_users(ctx: ServiceContext) -> list[UserRow]:
    """Every account, by name."""
    require(ctx, Permission.MANAGE_USERS)
    with ctx.read() as s:
        rows = s.scalars(
            select(User).where(User.workspace_id == ctx.workspace_id).order_by(User.username)
        )
        return [_row(u) for u in rows]


def user_names(ctx: ServiceContext) -> list[str]:
    """Every user name (the audit page's user filter), any role may read it."""
    with ctx.read() as s:
        return list(
            s.scalars(
                select(User.username)
                .where(User.workspace_id == ctx.workspace_id)
                .order_by(User.username)
            )
        )


# ------------------------------------------------------------------ changes


def add_user(
    ctx: ServiceContext,
    username: str,
    password: str,
    role: Role | str,
    display_name: str = "",
) -> UserRow:
    """A new account; the first one beside the owner turns accounts on.

    Before accounts go on an active owner must have a password, or nobody could sign in
    to manage them afterwards."""
    require(ctx, Permission.MANAGE_USERS)
    name = clean_username(username)
    new_role = _role(role)
    _check_password(password)
    _owner_role_guard(ctx, new_role)
    with ctx.write() as s:
        taken = s.scalar(
            select(func.count(User.id)).where(
                User.workspace_id == ctx.workspace_id, User.username == name
            )
        )
        if taken:
            raise ConflictError(msg("the user name {name!r} is taken", name=name))
        if not any(o.password_hash for o in _active_owners(s, ctx)):
            raise ValidationError(
                msg(
                    "give an owner a password first (Users → Reset password, or "
                    "storesync users passwd owner): once accounts are on everyone signs in"
                ),
                field="password",
            )
        u = User(
            workspace_id=ctx.workspace_id,
            username=name,
            display_name=(display_name or "").strip()[:255],
            role=new_role,
            active=True,
            password_hash=_hasher.hash(password),
        )
        s.add(u)
        s.flush()
        audit.record(
            s, ctx, "user", name, "create", None, {"role": new_role, "display_name": u.display_name}
        )
        _turn_on(s, ctx)
        return _row(u)


def set_role(ctx: ServiceContext, username: str, role: Role | str) -> UserRow:
    """Change a user's role; the last owner keeps theirs."""
    require(ctx, Permission.MANAGE_USERS)
    new_role = _role(role)
    with ctx.write() as s:
        u = _user(s, ctx, username)
        if u.role == new_role:
            return _row(u)
        _owner_role_guard(ctx, new_role, u.role)
        _keep_an_owner(s, ctx, u)
        audit.record(s, ctx, "user", u.username, "set_role", {"role": u.role}, {"role": new_role})
        u.role = new_role
        return _row(u)


def set_password(ctx: ServiceContext, username: str, password: str) -> None:
    """Reset a user's password (user managers), or change one's own."""
    own = ctx.user_id is not None and ctx.actor == (username or "").strip().lower()
    if not own:
        require(ctx, Permission.MANAGE_USERS)
    _check_password(password)
    with ctx.write() as s:
        u = _user(s, ctx, username)
        if u.role == Role.OWNER and not own:
            _owner_role_guard(ctx, Role.OWNER)
        u.password_hash = _hasher.hash(password)
        # the trail says that it changed, never the hash
        audit.record(s, ctx, "user", u.username, "password", None, {"password": "changed"})


def set_active(ctx: ServiceContext, username: str, active: bool) -> UserRow:
    """Deactivate (cannot sign in any more; their history stays) or reactivate a user."""
    require(ctx, Permission.MANAGE_USERS)
    with ctx.write() as s:
        u = _user(s, ctx, username)
        if u.active == active:
            return _row(u)
        if not active:
            if u.role == Role.OWNER:
                _owner_role_guard(ctx, Role.OWNER)
            _keep_an_owner(s, ctx, u)
        audit.record(
            s,
            ctx,
            "user",
            u.username,
            "activate" if active else "deactivate",
            {"active": u.active},
            {"active": active},
        )
        u.active = active
        return _row(u)


# ------------------------------------------------------------------ signing in


def sign_in(ctx: ServiceContext, username: str, password: str) -> ServiceContext:
    """The context acting as ``username`` once the password matches.

    A wrong name or password gives the same one line (nothing says which was wrong)."""
    wrong = msg("wrong user name or password")
    with ctx.write() as s:
        u = s.scalar(
            select(User).where(
                User.workspace_id == ctx.workspace_id,
                User.username == (username or "").strip().lower(),
            )
        )
        if u is None or not u.password_hash:
            raise SignInFailed(wrong)
        try:
            _hasher.verify(u.password_hash, password or "")
        except (VerificationError, InvalidHashError):
            raise SignInFailed(wrong) from None
        if not u.active:
            raise SignInFailed(
                msg("the account {name} is deactivated; ask an owner", name=u.username)
            )
        if _hasher.check_needs_rehash(u.password_hash):
            u.password_hash = _hasher.hash(password)
        u.last_sign_in_at = datetime.now(UTC)
        return ctx.signed_in(u.id, u.username, u.role.value)


def silent_owner(ctx: ServiceContext) -> ServiceContext:
    """Without accounts: the context of the workspace's first active owner, no password."""
    with ctx.read() as s:
        owners = sorted(_active_owners(s, ctx), key=lambda o: o.id)
    if not owners:
        return ctx
    return ctx.signed_in(owners[0].id, owners[0].username, Role.OWNER.value)
