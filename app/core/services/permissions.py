"""Who may do what: the permissions of each role, checked inside the services.

Every service that changes something calls :func:`require` with the caller's
:class:`~app.core.services.context.ServiceContext` before it writes, so the desktop app
and the command line obey the same rules (docs/ARCHITECTURE.md, "Accounts and
permissions"). The GUI asks :func:`allowed` only to hide or disable controls; the check
that counts is the one here.
"""

from __future__ import annotations

import enum

from app.core.domain import Role
from app.core.services.errors import ServiceError
from app.core.text import msg

#: the role of the sync engine's context (``ctx.as_actor("sync")``): not a user's role,
#: it can never be given to an account
ENGINE_ROLE = "sync"


class Permission(enum.StrEnum):
    """One thing a role may do; the services name the one each write needs."""

    SHIP = "ship"  # arrange shipment, tracking numbers
    PRINT = "print"  # airway bills, picking lists, packing slips
    ADJUST_STOCK = "adjust_stock"  # adjust (with a reason), receive, transfer, count, shelves
    HANDLE_ORDERS = "handle_orders"  # cancel orders, decide returns
    EDIT_CATALOG = "edit_catalog"  # products, variants, listings' mapping, imports
    EDIT_COSTS = "edit_costs"  # cost of goods
    MANAGE_STORES = "manage_stores"  # connect, store settings, pause, remove
    EDIT_SETTINGS = "edit_settings"  # workspace settings, locations
    MANAGE_USERS = "manage_users"  # add users, roles, passwords, deactivate
    VIEW_AUDIT = "view_audit"  # the audit log


_ALL = frozenset(Permission)
_PACKING = frozenset({Permission.SHIP, Permission.PRINT, Permission.ADJUST_STOCK})

#: what each role may change; every role may read (a viewer only reads)
ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.OWNER.value: _ALL,
    Role.ADMIN.value: _ALL,
    Role.STAFF.value: _PACKING,
    Role.VIEWER.value: frozenset(),
    # the engine stores orders, listings and stock from the platforms and runs the seller's
    # actions; it never manages users or reads the audit log for anyone
    ENGINE_ROLE: _ALL - {Permission.MANAGE_USERS, Permission.VIEW_AUDIT},
}

#: words for the one-line refusal, per permission
_WHAT = {
    Permission.SHIP: msg("ship orders"),
    Permission.PRINT: msg("print shipping documents"),
    Permission.ADJUST_STOCK: msg("change stock"),
    Permission.HANDLE_ORDERS: msg("cancel orders or decide returns"),
    Permission.EDIT_CATALOG: msg("change the catalog"),
    Permission.EDIT_COSTS: msg("change costs"),
    Permission.MANAGE_STORES: msg("change stores or their settings"),
    Permission.EDIT_SETTINGS: msg("change settings"),
    Permission.MANAGE_USERS: msg("manage users"),
    Permission.VIEW_AUDIT: msg("see the audit log"),
}


class PermissionDenied(ServiceError):
    """The signed-in user's role does not allow this. Nothing was changed."""

    def __init__(self, message: str, permission: Permission) -> None:
        super().__init__(message)
        self.message = message
        self.permission = permission


def allowed(role: str, permission: Permission) -> bool:
    """Whether ``role`` may do ``permission`` (an unknown role may do nothing)."""
    return permission in ROLE_PERMISSIONS.get(role, frozenset())


def require(ctx, permission: Permission) -> None:
    """Raise :class:`PermissionDenied` unless the context's role allows ``permission``.

    ``ctx`` is a ServiceContext (not annotated: context.py imports this module's enum)."""
    if allowed(ctx.role, permission):
        return
    raise PermissionDenied(
        msg(
            "{user} ({role}) may not {what}; ask an owner or admin",
            user=ctx.actor,
            role=ctx.role,
            what=_WHAT[permission],
        ),
        permission,
    )
