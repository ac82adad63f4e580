"""The audit log, visible: filtered by user, kind and time, exported to Excel and read back,
and the command line's users/audit commands with sign-in, as real processes."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook

from app.core.export.audit_xlsx import export_audit
from app.core.services import accounts, inventory, locations
from app.core.services.audit import AuditFilter, actors, kinds, search
from app.core.settings import LOW_STOCK_DEFAULT_POINT, set_setting
from tests.helpers.factories import product, store

PW = "packer-pass-9"


@pytest.fixture
def history(ctx):
    accounts.set_password(ctx, "owner", "owner-secret-1")
    owner = accounts.sign_in(ctx, "owner", "owner-secret-1")
    accounts.add_user(owner, "budi", PW, "staff")
    staff = accounts.sign_in(ctx, "budi", PW)
    p = product(owner)
    store(owner)
    set_setting(owner, LOW_STOCK_DEFAULT_POINT, 7)
    loc = locations.list_locations(ctx)[0].id
    inventory.adjust(staff, p.variants[0].id, loc, 4, "recount shelf A")
    inventory.adjust(staff, p.variants[0].id, loc, -1, "=damaged")  # formula-like note
    return owner


def test_filters_by_user_kind_and_time(history):
    owner = history
    assert {"owner", "budi"} <= set(actors(owner))
    assert {"product", "store", "setting", "stock", "user"} <= set(kinds(owner))
    by_budi = search(owner, AuditFilter(user="budi"))
    assert [(r.entity_type, r.action, r.note) for r in by_budi] == [
        ("stock", "adjust", "=damaged"),
        ("stock", "adjust", "recount shelf A"),
    ]
    settings = search(owner, AuditFilter(kind="setting", user="owner"))
    changed = [r for r in settings if r.entity_id == "low_stock_default_point"]
    assert changed[0].before == {"value": 5} and changed[0].after == {"value": 7}
    users = search(owner, AuditFilter(kind="user"))
    assert [(r.entity_id, r.action) for r in users] == [("budi", "create"), ("owner", "password")]
    now = datetime.now(UTC)
    assert search(owner, AuditFilter(since=now + timedelta(minutes=1))) == []
    assert len(search(owner, AuditFilter(until=now + timedelta(minutes=1)), limit=None)) == len(
        search(owner, AuditFilter(), limit=None)
    )


def test_export_reads_back_with_openpyxl(history, tmp_path):
    out = tmp_path / "audit.xlsx"
    n = export_audit(history, AuditFilter(user="budi"), out)
    assert n == 2
    wb = load_workbook(out)
    assert wb.sheetnames == ["Cover", "Audit log"]  # like every export
    rows = list(wb["Audit log"].iter_rows(values_only=True))
    assert rows[0] == ("When", "User", "Kind", "What", "Action", "Before", "After", "Note")
    assert [r[1:3] + r[4:5] for r in rows[1:]] == [("budi", "stock", "adjust")] * 2
    assert [r[7] for r in rows[1:]] == ["=damaged", "recount shelf A"]  # text, not formula
    assert isinstance(rows[1][0], datetime)
    assert rows[2][6] == '{"delta": 4}'
    cover = {r[0]: r[1] for r in wb["Cover"].iter_rows(values_only=True) if r and r[0]}
    assert cover["User"] == "budi" and cover["Entries"] == 2


def _cli(data, *args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "app", *args, "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
        env={
            **os.environ,
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            **(env or {}),
        },
    )


def test_cli_users_and_audit_with_sign_in(tmp_path):
    data = tmp_path / "data"
    new = {"STORESYNC_NEW_PASSWORD": "owner-secret-1"}
    out = _cli(data, "users", "passwd", "owner", env=new)
    assert out.returncode == 0, out.stderr
    out = _cli(data, "users", "add", "budi", "--role", "staff", env={"STORESYNC_NEW_PASSWORD": PW})
    assert out.returncode == 0, out.stderr
    assert "sign-in is on" in out.stdout
    # accounts on: who acts must be named
    out = _cli(data, "users", "list")
    assert out.returncode == 4
    assert out.stderr.strip() == (
        "error: accounts are on: add --user NAME (the password from a prompt or STORESYNC_PASSWORD)"
    )
    out = _cli(data, "users", "list", "--user", "owner", env={"STORESYNC_PASSWORD": "nope-nope"})
    assert (out.returncode, out.stderr.strip()) == (4, "error: wrong user name or password")
    as_budi = {"STORESYNC_PASSWORD": PW}
    out = _cli(data, "users", "add", "eka", "--role", "viewer", "--user", "budi", env=as_budi)
    assert out.returncode == 4
    assert out.stderr.strip() == "error: budi (staff) may not manage users; ask an owner or admin"
    as_owner = {"STORESYNC_PASSWORD": "owner-secret-1"}
    out = _cli(data, "users", "list", "--user", "owner", env=as_owner)
    assert out.returncode == 0, out.stderr
    assert "budi" in out.stdout and "staff" in out.stdout and "sign-in: on" in out.stdout
    xlsx = tmp_path / "a.xlsx"
    out = _cli(data, "audit", "list", "--kind", "user", "--as", "owner", "--xlsx", str(xlsx),
               env=as_owner)  # fmt: skip
    assert out.returncode == 0, out.stderr
    sheet = load_workbook(xlsx)["Audit log"]
    actions = [r[4] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert actions == ["create", "password"]
    out = _cli(data, "audit", "list", "--user", "owner", "--since", "2020-01-01", "--as", "owner",
               env=as_owner)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "budi" in out.stdout and "create" in out.stdout
    out = _cli(data, "audit", "list", "--since", "yesterday", "--as", "owner", env=as_owner)
    assert out.returncode == 4 and "write YYYY-MM-DD" in out.stderr
