"""The real command line against broken databases: one clear line, exit 2, data unchanged,
never a traceback. Plus backup/restore, any folder name, and secrets kept off argv."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli_sync import ENV_APP_SECRET, read_app_secret
from tests.helpers import dbfiles
from tests.unit.test_cli import run


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def assert_one_clear_line(out: subprocess.CompletedProcess, *words: str) -> None:
    assert out.returncode == 2, out.stdout + out.stderr
    assert "Traceback" not in out.stdout + out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), out.stderr
    for w in words:
        assert w in lines[0], lines[0]


@pytest.fixture
def filled(tmp_path):
    return dbfiles.make_filled(tmp_path / "data")


@pytest.mark.parametrize(
    ("damage", "words", "commands"),
    [
        (dbfiles.truncate, ("damaged", "storesync restore"), (["status"], ["backup"])),
        (dbfiles.break_header, ("damaged", "not a database"), (["stores", "list"],)),
        # a newer database may be backed up as it is; opening it is refused
        (dbfiles.mark_newer, ("newer StoreSync", "0099", "install"), (["status"],)),
    ],
    ids=["truncated", "header", "newer-schema"],
)
def test_a_broken_database_gets_one_line_and_is_left_as_it_was(filled, damage, words, commands):
    damage(filled.database)
    before = digest(filled.database)
    for command in commands:
        out = run(*command, "--data-dir", str(filled.data_dir))
        assert_one_clear_line(out, *words)
    doctor = run("doctor", "--data-dir", str(filled.data_dir))
    assert doctor.returncode == 1 and "Traceback" not in doctor.stdout + doctor.stderr
    assert any(w in doctor.stdout for w in words)
    assert digest(filled.database) == before


def test_a_locked_database_names_the_holder(filled):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
            "c.execute('PRAGMA locking_mode=EXCLUSIVE'); c.execute('BEGIN EXCLUSIVE'); "
            "c.execute('CREATE TABLE held (x)'); print('held', flush=True); sys.stdin.read()",
            str(filled.database),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        out = run("status", "--data-dir", str(filled.data_dir))
        assert_one_clear_line(out, "locked", "try again")
        if sys.platform.startswith("linux"):
            assert str(holder.pid) in out.stderr
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()
    assert "held" not in dbfiles.row_counts(filled.database)  # its transaction never landed


def _make_immutable(*paths: Path) -> bool:
    """Make paths unwritable even for root (``chattr +i``); False when that is impossible."""
    if os.name != "posix":
        return False
    if os.geteuid() != 0:
        for p in paths:
            os.chmod(p, 0o500 if p.is_dir() else 0o400)
        return True
    if shutil.which("chattr") is None:
        return False
    done = subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True)
    return done.returncode == 0


def _undo_immutable(*paths: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", *map(str, paths)], capture_output=True)
    else:
        for p in paths:
            os.chmod(p, 0o700 if p.is_dir() else 0o600)


def test_a_read_only_data_folder_gets_one_line(tmp_path, filled):
    """Root ignores modes, so as root the folder is made immutable with chattr; where that
    is impossible the message itself is tested in tests/unit/core/test_db_safety.py."""
    empty = tmp_path / "empty"
    empty.mkdir()
    targets = (empty, filled.data_dir, filled.database)
    if not _make_immutable(*targets):
        pytest.skip("cannot make a folder read-only here (chattr unavailable)")
    try:
        before = digest(filled.database)
        out = run("status", "--data-dir", str(empty))  # the folders cannot be made
        assert_one_clear_line(out, "cannot write", "--data-dir")
        out = run("backup", "--data-dir", str(filled.data_dir))  # the backups folder neither
        assert_one_clear_line(out, "cannot write")
        assert digest(filled.database) == before
    finally:
        _undo_immutable(*targets)


def test_doctor_fails_on_a_damaged_sku_index(filled):
    dbfiles.damage_sku_index(filled.database)
    before = digest(filled.database)
    out = run("doctor", "--data-dir", str(filled.data_dir))
    assert out.returncode != 0 and "Traceback" not in out.stdout + out.stderr
    [line] = [x for x in out.stdout.splitlines() if "database:" in x]
    assert line.startswith("[FAIL") and "missing from index ix_variants_ws_sku" in line
    assert out.stdout.strip().endswith("NOT healthy")
    assert digest(filled.database) == before


def test_backup_then_restore_round_trips_every_table(tmp_path, filled):
    counts = dbfiles.row_counts(filled.database)
    copy = tmp_path / "kept elsewhere" / "shop backup.db"
    copy.parent.mkdir()
    out = run("backup", "--out", str(copy), "--data-dir", str(filled.data_dir))
    assert out.returncode == 0, out.stderr
    assert str(copy) in out.stdout
    out = run("backup", "--data-dir", str(filled.data_dir))
    assert out.returncode == 0 and len(list(filled.backups_dir.glob("*.db"))) == 1
    with sqlite3.connect(filled.database) as c:
        c.execute("DELETE FROM channel_listings")
        c.execute("DELETE FROM stores")
    assert dbfiles.row_counts(filled.database) != counts

    out = run("restore", str(copy), "--data-dir", str(filled.data_dir))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "previous database is kept at" in out.stdout
    assert dbfiles.row_counts(filled.database) == counts
    assert run("status", "--data-dir", str(filled.data_dir)).returncode == 0


def test_restore_of_a_damaged_file_is_refused_with_one_line(tmp_path, filled):
    bad = tmp_path / "bad.db"
    shutil.copy(filled.database, bad)
    dbfiles.break_header(bad)
    before = digest(filled.database)
    out = run("restore", str(bad), "--data-dir", str(filled.data_dir))
    assert_one_clear_line(out, "damaged")
    assert digest(filled.database) == before


def test_any_folder_name_works_from_the_command_line(tmp_path):
    d = tmp_path / dbfiles.WEIRD_FOLDER
    out = run("doctor", "--data-dir", str(d))
    assert out.returncode == 0, out.stdout + out.stderr
    assert (d / "storesync.db").is_file()
    assert run("backup", "--data-dir", str(d)).returncode == 0


# ---- secrets never on the command line ----------------------------------------------------

ADD = (
    "stores",
    "add",
    "--platform",
    "shopee",
    "--name",
    "Toko Uji",
    "--shop-id",
    "5001",
    "--base-url",
    "http://127.0.0.1:9",
    "--app-id",
    "2001",
)


def _fallback_secrets(data_dir: Path) -> tuple[dict, int]:
    path = data_dir / "insecure-secrets.json"
    return json.loads(path.read_text("utf-8")), stat.S_IMODE(path.stat().st_mode)


def test_stores_add_takes_the_secret_from_the_environment(tmp_path):
    d = tmp_path / "env"
    out = run(*ADD, "--data-dir", str(d), env_extra={ENV_APP_SECRET: "env-s3cret"})
    assert out.returncode == 0, out.stdout + out.stderr
    secrets, mode = _fallback_secrets(d)
    assert any("env-s3cret" in v for v in secrets.values())
    if os.name == "posix":
        assert mode == 0o600


def test_stores_add_takes_the_secret_from_standard_input(tmp_path):
    d = tmp_path / "stdin"
    env = {k: v for k, v in os.environ.items() if k != ENV_APP_SECRET}
    out = subprocess.run(
        [sys.executable, "-m", "app", *ADD, "--data-dir", str(d)],
        input="stdin-s3cret\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert any("stdin-s3cret" in v for v in _fallback_secrets(d)[0].values())


def test_stores_add_refuses_a_secret_on_the_command_line(tmp_path):
    out = run(*ADD, "--app-secret", "argv-s3cret", "--data-dir", str(tmp_path / "argv"))
    assert out.returncode == 2 and "unrecognized arguments" in out.stderr
    assert not (tmp_path / "argv").exists()


def test_the_secret_prompt_is_hidden_on_a_terminal(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    asked = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or " typed ")
    assert read_app_secret(Tty(""), {}) == "typed" and asked
    assert read_app_secret(io.StringIO("piped\n"), {}) == "piped"
    assert read_app_secret(io.StringIO("piped\n"), {ENV_APP_SECRET: "env"}) == "env"
