"""Controls a role cannot use are hidden or disabled, page by page, from one place.

Only what the window shows: the services refuse the same actions for the same roles
(app/core/services/permissions.py), so a control missed here still changes nothing."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QWidget

from app.core.services.context import ServiceContext
from app.core.services.permissions import Permission, allowed
from app.gui.i18n import N_, tr

#: the roles' names on screen (the stored values are the English words)
ROLE_NAMES = {
    "owner": N_("owner"),
    "admin": N_("admin"),
    "staff": N_("staff"),
    "viewer": N_("viewer"),
    "sync": N_("sync"),
}


def role_label(role: str) -> str:
    """A role in the interface language."""
    return tr(ROLE_NAMES[role]) if role in ROLE_NAMES else role


def _gate(control: QWidget | QAction | None, ok: bool, *, hide: bool = False) -> None:
    if control is None or ok:
        return
    if hide:
        control.setVisible(False)
    else:
        control.setEnabled(False)
        control.setToolTip(tr("Your role cannot do this; ask an owner or admin."))
        # keep it off when a page enables its controls again (selection changes)
        control.setProperty("roleLocked", True)
        if isinstance(control, QWidget):
            control.installEventFilter(_Locker.instance())


class _Locker:
    """Switches a role-locked control back off whenever a page enables it."""

    _one = None

    @classmethod
    def instance(cls):
        from PySide6.QtCore import QEvent, QObject

        if cls._one is None:

            class Locker(QObject):
                def eventFilter(self, obj, event):
                    if event.type() == QEvent.Type.EnabledChange and obj.isEnabled():
                        obj.setEnabled(False)
                    return False

            cls._one = Locker()
        return cls._one


def apply_role(window: QMainWindow, ctx: ServiceContext) -> None:
    """Hide or disable, on every page, what ``ctx``'s role may not do."""
    role = ctx.role

    def can(p: Permission) -> bool:
        return allowed(role, p)

    pages = getattr(window, "pages", {})
    stores = pages.get("stores")
    if stores is not None:
        for name in ("connect_button", "settings_button", "pause_button", "reauth_button",
                     "remove_button", "review_button"):  # fmt: skip
            _gate(getattr(stores, name, None), can(Permission.MANAGE_STORES), hide=True)
    catalog = pages.get("catalog")
    if catalog is not None:
        for name in ("new_button", "bulk_button", "import_button"):
            _gate(getattr(catalog, name, None), can(Permission.EDIT_CATALOG), hide=True)
        # prices are each store's terms (app/core/services/prices.py)
        _gate(getattr(catalog, "prices_button", None), can(Permission.MANAGE_STORES), hide=True)
    inventory = pages.get("inventory")
    if inventory is not None:
        for b in getattr(inventory, "buttons", {}).values():
            _gate(b, can(Permission.ADJUST_STOCK), hide=True)
        _gate(getattr(inventory, "receive_new", None), can(Permission.ADJUST_STOCK), hide=True)
    orders = pages.get("orders")
    if orders is not None:
        special = {
            tr("Ship…"): Permission.SHIP,
            tr("Cancel order…"): Permission.HANDLE_ORDERS,
            tr("Returns…"): Permission.HANDLE_ORDERS,
        }
        for action, _needs in getattr(orders, "_order_actions", []):
            needed = special.get(action.text(), Permission.PRINT)
            _gate(action, can(needed), hide=True)
        _gate(getattr(orders, "map_button", None), can(Permission.EDIT_CATALOG), hide=True)
    settings = pages.get("settings")
    if settings is not None and not can(Permission.EDIT_SETTINGS):
        for editor in getattr(settings, "editors", {}).values():
            _gate(editor, False)
        _gate(getattr(settings, "save_button", None), False, hide=True)
        _gate(getattr(settings, "backups", None), False)  # restoring replaces everything
        for b in settings.findChildren(QPushButton):
            if b.accessibleName() in (tr("Add stock location"), tr("Import from Excel…")):
                _gate(b, False, hide=True)
    if _accounts_on(ctx):
        label = QLabel(
            tr("Signed in as {user} ({role})").format(user=ctx.actor, role=role_label(role))
        )
        label.setObjectName("signedInAs")
        window.statusBar().addPermanentWidget(label)


def _accounts_on(ctx: ServiceContext) -> bool:
    from app.core.services.accounts import accounts_on

    return accounts_on(ctx)
