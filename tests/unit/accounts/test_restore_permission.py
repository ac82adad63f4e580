"""Restoring a backup replaces every order, user and setting: with accounts on only a role
that may change the settings restores, in the app and on the command line; a database
that does not open is restored by whoever reaches the folder (the way back from damage)."""

from __future__ import annotations

import sqlite3

import pytest

from app.__main__ import main
from app.core.db.backup import create_backup
from app.core.services import accounts
from app.core.services.permissions import PermissionDenied
from app.core.workspace import open_workspace, restore_into
from tests.helpers import dbfiles

OWNER_PW = "owner-secret-1"
PW = "packer-pass-9"


def users(database) -> set[str]:
    with sqlite3.connect(database) as c:
        return {name for (name,) in c.execute("SELECT username FROM users")}


def test_only_owner_or_admin_restores_while_the_database_opens(tmp_path, monkeypatch, capsys):
    paths = dbfiles.make_filled(tmp_path / "data")
    copy = tmp_path / "before budi.db"
    ws = open_workspace(paths)
    try:
        accounts.set_password(ws.ctx, "owner", OWNER_PW)
        create_backup(paths.database, out=copy)  # the owner alone, accounts off
        owner = accounts.sign_in(ws.ctx, "owner", OWNER_PW)
        accounts.add_user(owner, "budi", PW, "staff")
        staff = accounts.sign_in(ws.ctx, "budi", PW)
        with pytest.raises(PermissionDenied, match=r"budi \(staff\) may not change settings"):
            restore_into(staff, paths, copy)
    finally:
        ws.close()
    assert "budi" in users(paths.database)

    def restore(*user: str) -> int:
        return main(["restore", str(copy), "--data-dir", str(paths.data_dir), *user])

    monkeypatch.setenv("STORESYNC_PASSWORD", PW)
    capsys.readouterr()
    assert restore("--user", "budi") == 4
    err = capsys.readouterr().err.strip()
    assert err == "error: budi (staff) may not change settings; ask an owner or admin"
    assert "budi" in users(paths.database)  # nothing restored
    monkeypatch.setenv("STORESYNC_PASSWORD", OWNER_PW)
    assert restore("--user", "owner") == 0
    assert "budi" not in users(paths.database)

    dbfiles.truncate(paths.database)  # damaged: nobody can be asked who they are
    monkeypatch.delenv("STORESYNC_PASSWORD")
    assert restore() == 0
    assert users(paths.database) == {"owner"}
