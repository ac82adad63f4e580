"""Accounts in the window, offscreen with real widgets: the sign-in dialog, controls
hidden by role, Settings → Team, the users dialog and the audit log dialog (filter and
Excel export read back)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from openpyxl import load_workbook

from app.core.services import accounts
from app.gui.audit.dialog import AuditDialog
from app.gui.users.dialog import UsersDialog
from app.gui.users.sign_in import SignInDialog, sign_in_at_start

OWNER_PW = "owner-secret-1"
PW = "packer-pass-9"


@pytest.fixture(autouse=True)
def cheap_hasher(monkeypatch):
    # the production parameters are tested in tests/unit/accounts/test_accounts_hash.py
    monkeypatch.setattr(
        accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


@pytest.fixture
def team(workspace, seeded):
    ctx = workspace.ctx
    accounts.set_password(ctx, "owner", OWNER_PW)
    owner = accounts.sign_in(ctx, "owner", OWNER_PW)
    accounts.add_user(owner, "budi", PW, "staff")
    accounts.add_user(owner, "citra", PW, "viewer")
    return owner


def _window(qtbot, workspace, make_gui, ctx):
    from app.gui.main_window import MainWindow

    workspace.ctx = ctx
    gui = make_gui(workspace)
    w = MainWindow(gui)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: gui.runner.pending == 0, timeout=60_000)
    return w


def test_without_accounts_the_owner_signs_in_silently(workspace):
    me = sign_in_at_start(workspace.ctx)
    assert (me.actor, me.role) == ("owner", "owner")


def test_sign_in_dialog_shows_the_wrong_password_line_then_signs_in(qtbot, workspace, team):
    dialog = SignInDialog(workspace.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("budi")
    dialog.password.setText("not-the-password")
    assert not dialog.try_sign_in()
    assert dialog.error.isVisible()
    assert dialog.error.text() == "wrong user name or password"
    assert dialog.password.text() == ""  # typed again
    dialog.password.setText(PW)
    assert dialog.try_sign_in()
    assert (dialog.signed_in.actor, dialog.signed_in.role) == ("budi", "staff")


def test_staff_sees_packing_controls_only(qtbot, workspace, make_gui, team):
    staff = accounts.sign_in(workspace.ctx, "budi", PW)
    w = _window(qtbot, workspace, make_gui, staff)
    stores, inventory, catalog = w.pages["stores"], w.pages["inventory"], w.pages["catalog"]
    settings = w.pages["settings"]
    assert stores.settings_button.isHidden() and stores.remove_button.isHidden()
    assert stores.connect_button.isHidden()
    assert catalog.new_button.isHidden() and catalog.import_button.isHidden()
    assert catalog.prices_button.isHidden()  # prices are the store's terms
    assert not inventory.buttons["adjust"].isHidden()
    texts = {a.text(): a.isVisible() for a, _ in w.pages["orders"]._order_actions}
    assert texts["Ship…"] and texts["Print airway bills"] and not texts["Cancel order…"]
    assert settings.save_button.isHidden()
    assert all(not e.isEnabled() for e in settings.editors.values())
    assert settings.team.users_button.isHidden() and settings.team.audit_button.isHidden()
    assert w.findChild(type(w.message), "signedInAs").text() == "Signed in as budi (staff)"


def test_viewer_sees_no_write_controls(qtbot, workspace, make_gui, team):
    viewer = accounts.sign_in(workspace.ctx, "citra", PW)
    w = _window(qtbot, workspace, make_gui, viewer)
    inventory = w.pages["inventory"]
    assert all(b.isHidden() for b in inventory.buttons.values())
    assert inventory.receive_new.isHidden()
    assert not any(a.isVisible() for a, _ in w.pages["orders"]._order_actions)


def test_owner_manages_users_in_the_dialog(qtbot, team):
    dialog = UsersDialog(team)
    qtbot.addWidget(dialog)
    assert [u.username for u in dialog.rows] == ["budi", "citra", "owner"]
    assert dialog.add("Eka", "eka-pass-123", "staff")
    assert dialog.selected().username == "eka"
    assert dialog.change_role("viewer")
    assert dialog.selected().role.value == "viewer"
    assert dialog.toggle_active() and not dialog.selected().active
    dialog.select("owner")
    assert not dialog.change_role("staff")
    assert "owner is the last owner" in dialog.error.text()
    assert not dialog.add("x", "short", "staff")
    assert "at least 8 characters" in dialog.error.text()


def test_audit_dialog_filters_and_exports(qtbot, team, tmp_path):
    staff = accounts.sign_in(team, "budi", PW)
    from app.core.services import inventory, locations

    loc = locations.list_locations(team)[0].id
    vid = 1
    inventory.adjust(staff, vid, loc, 2, "found in the back")
    dialog = AuditDialog(team)
    qtbot.addWidget(dialog)
    dialog.user.setCurrentIndex(dialog.user.findData("budi"))
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 4).text() == "adjust"
    assert "found in the back" in dialog.table.item(0, 6).text()
    dialog.user.setCurrentIndex(0)
    dialog.kind.setCurrentIndex(dialog.kind.findData("user"))
    assert {dialog.table.item(i, 3).text() for i in range(dialog.table.rowCount())} == {
        "budi",
        "citra",
        "owner",
    }
    dialog.use_since.setChecked(True)
    # the day after tomorrow on this machine is after today in any zone (the workspace's is
    # Jakarta, 7 h ahead of a UTC machine): nothing yet
    dialog.since.setDate(dialog.since.date().currentDate().addDays(2))
    assert dialog.table.rowCount() == 0
    dialog.use_since.setChecked(False)
    out = tmp_path / "audit.xlsx"
    assert dialog.export_to(out) == 3
    rows = list(load_workbook(out)["Audit log"].iter_rows(min_row=2, values_only=True))
    assert sorted(r[3] for r in rows) == ["budi", "citra", "owner"]
    assert {r[2] for r in rows} == {"user"}
