"""The database file is safe: any folder name, private modes, backups, restore, integrity,
typed problems. All on real SQLite files."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import subprocess
import sys
from datetime import datetime, timedelta

import keyring
import pytest
from alembic import command
from keyring.backends import fail
from sqlalchemy import text

from app import __version__
from app.core import engine_lock
from app.core.db import backup
from app.core.db.engine import make_engine
from app.core.db.integrity import check_database, integrity_errors
from app.core.db.migrate import (
    alembic_config,
    current_revision,
    decode_version,
    encode_version,
    head_revision,
    upgrade_to_head,
)
from app.core.db.problems import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseProblem,
    DatabaseReadOnly,
    DiskFull,
    NewerSchema,
    as_problem,
)
from app.core.doctor import healthy, run_checks
from app.core.paths import resolve_paths
from app.core.secrets import SecretStore
from app.core.workspace import open_workspace
from tests.helpers import dbfiles, factories

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(p) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


# ---- 1. any folder name ------------------------------------------------------------------


def test_a_folder_with_any_name_opens_writes_backs_up_and_is_healthy(tmp_path):
    folder = tmp_path / dbfiles.WEIRD_FOLDER / "data"
    paths = resolve_paths(folder)
    ws = open_workspace(paths)
    try:
        factories.product(ws.ctx, skus=("TAS-01",))
    finally:
        ws.close()
    assert (folder / "storesync.db").is_file()  # the file is where the name says
    assert sorted(p.name for p in tmp_path.iterdir()) == [dbfiles.WEIRD_FOLDER]
    assert dbfiles.row_counts(paths.database)["variants"] == 1
    checks = run_checks(paths)
    assert healthy(checks), [c.line() for c in checks]
    made = backup.create_backup(paths.database)
    assert made.parent == folder / "backups"
    assert dbfiles.row_counts(made)["variants"] == 1


def test_engine_urls_keep_percent_signs_and_quotes(tmp_path):
    db = tmp_path / "a%20b 100% \"q\" 'x' é" / "x.db"
    db.parent.mkdir()
    engine = make_engine(db)
    assert engine.url.database == str(db)
    upgrade_to_head(engine)
    engine.dispose()
    assert db.is_file() and not (tmp_path / "a b").exists()


# ---- 2. private files ----------------------------------------------------------------------


@pytest.fixture
def umask_022():
    old = os.umask(0o022)  # the usual umask: files would be 0644 without our care
    yield
    os.umask(old)


@posix_only
def test_database_backups_and_folders_are_private(tmp_path, umask_022):
    paths = resolve_paths(tmp_path / "new")
    ws = open_workspace(paths)
    try:
        factories.product(ws.ctx)  # a write: the WAL files exist now
        assert mode(paths.data_dir) == 0o700
        assert mode(paths.database) == 0o600
        for side in ("-wal", "-shm"):
            assert mode(f"{paths.database}{side}") == 0o600
        made = backup.create_backup(paths.database)  # online, while open
    finally:
        ws.close()
    assert mode(made) == 0o600 and mode(made.parent) == 0o700
    out = backup.create_backup(paths.database, out=tmp_path / "copy.db")
    assert mode(out) == 0o600


@posix_only
def test_an_existing_world_readable_database_is_made_private(tmp_path, umask_022):
    paths = dbfiles.make_filled(tmp_path / "old")
    os.chmod(paths.database, 0o644)
    open_workspace(paths).close()
    assert mode(paths.database) == 0o600


@posix_only
def test_the_insecure_secrets_file_is_private(tmp_path, umask_022):
    path = tmp_path / "secrets" / "insecure-secrets.json"
    path.parent.mkdir()
    tmp = path.with_suffix(".tmp")
    tmp.write_text("{}")  # left by a crash, world-readable
    os.chmod(tmp, 0o644)
    keyring.set_keyring(fail.Keyring())  # no OS keychain: the fallback file is used
    SecretStore(path, allow_insecure=True).set("shopee:1", "partner_key", "k", sandbox=True)
    assert mode(path) == 0o600


# ---- 2. backups and restore ------------------------------------------------------------------


def test_backup_then_restore_gives_back_the_same_rows_in_every_table(tmp_path):
    paths = dbfiles.make_filled(tmp_path / "d")
    before = dbfiles.row_counts(paths.database)
    made = backup.create_backup(paths.database)
    ws = open_workspace(paths)
    try:
        factories.product(ws.ctx, name="Topi", skus=("TOPI-01", "TOPI-02"))
    finally:
        ws.close()
    changed = dbfiles.row_counts(paths.database)
    assert changed != before

    result = backup.restore_backup(paths, made, now=datetime(2026, 12, 1, 10, 0))
    assert dbfiles.row_counts(paths.database) == before
    assert result.replaced is not None and result.replaced.parent == paths.data_dir
    assert dbfiles.row_counts(result.replaced) == changed  # the replaced one is kept
    assert not list(paths.data_dir.glob("*.restoring*"))
    ws = open_workspace(paths)  # and it opens
    ws.close()


def test_only_the_newest_backups_are_kept(tmp_path):
    paths = dbfiles.make_filled(tmp_path / "d")
    t0 = datetime(2026, 1, 1, 9, 0)
    made = [backup.create_backup(paths.database, now=t0 + timedelta(hours=i)) for i in range(10)]
    kept = backup.list_backups(paths.backups_dir)
    assert kept == list(reversed(made[-backup.KEEP_DEFAULT :]))
    backup.create_backup(paths.database, now=t0 + timedelta(hours=11), keep=3)
    assert len(backup.list_backups(paths.backups_dir)) == 3


def test_a_daily_backup_is_made_once_a_day(tmp_path):
    paths = resolve_paths(tmp_path / "d")
    assert backup.backup_if_due(paths, datetime(2026, 3, 1, 8, 0)) is None  # no database
    dbfiles.make_filled(paths.data_dir)
    first = backup.backup_if_due(paths, datetime(2026, 3, 1, 8, 0))
    assert first is not None and first.is_file()
    assert backup.backup_if_due(paths, datetime(2026, 3, 1, 20, 0)) is None
    second = backup.backup_if_due(paths, datetime(2026, 3, 2, 8, 0))
    assert second is not None and second != first
    assert backup.list_backups(paths.backups_dir) == [second, first]


def test_a_migration_that_changes_the_schema_is_backed_up_first(tmp_path):
    db = tmp_path / "storesync.db"
    engine = make_engine(db)
    upgrade_to_head(engine)  # a new database: nothing to back up
    assert not (tmp_path / "backups").exists()
    upgrade_to_head(engine)  # at head: no backup either
    assert not (tmp_path / "backups").exists()

    engine.dispose()
    db.unlink()
    engine = make_engine(db)
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    upgrade_to_head(engine)
    engine.dispose()
    [made] = backup.list_backups(tmp_path / "backups")
    assert f"before-{head_revision(engine)}-from-0001" in made.name
    assert backup.backup_revision(made) == "0001"


def test_restore_refuses_a_damaged_foreign_or_newer_file_and_changes_nothing(tmp_path):
    paths = dbfiles.make_filled(tmp_path / "d")
    original = paths.database.read_bytes()
    damaged = tmp_path / "damaged.db"
    backup.create_backup(paths.database, out=damaged)
    dbfiles.damage_sku_index(damaged)
    foreign = tmp_path / "foreign.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.close()
    newer = tmp_path / "newer.db"
    backup.create_backup(paths.database, out=newer)
    dbfiles.mark_newer(newer, written_by=encode_version("9.1.0"))

    with pytest.raises(DatabaseCorrupt, match="missing from index"):
        backup.restore_backup(paths, damaged)
    with pytest.raises(backup.BackupNotUsable):
        backup.restore_backup(paths, foreign)
    with pytest.raises(NewerSchema, match=r"install StoreSync 9\.1\.0 or newer"):
        backup.restore_backup(paths, newer)
    assert paths.database.read_bytes() == original
    assert sorted(p.name for p in paths.data_dir.glob("storesync*")) == ["storesync.db"]


def test_restore_refuses_while_another_process_runs_an_engine(tmp_path):
    paths = dbfiles.make_filled(tmp_path / "d")
    made = backup.create_backup(paths.database)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from app.core import engine_lock; "
            "engine_lock.acquire(Path(sys.argv[1])); print('held', flush=True); "
            "sys.stdin.read()",
            str(paths.data_dir),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        assert engine_lock.held_by_other(paths.data_dir)
        original = paths.database.read_bytes()
        with pytest.raises(DatabaseLocked, match="sync engine"):
            backup.restore_backup(paths, made)
        assert paths.database.read_bytes() == original
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()
    assert not engine_lock.held_by_other(paths.data_dir)
    backup.restore_backup(paths, made)  # once it is gone, restore goes ahead


def test_the_engine_lock_held_here_is_not_held_by_another(tmp_path):
    paths = dbfiles.make_filled(tmp_path / "d")
    made = backup.create_backup(paths.database)
    engine_lock.acquire(paths.data_dir)
    try:
        assert engine_lock.held_here(paths.data_dir)
        assert not engine_lock.held_by_other(paths.data_dir)
        assert engine_lock.acquire(paths.data_dir) is engine_lock.acquire(paths.data_dir)
        with pytest.raises(DatabaseLocked):  # our own engine must stop before a restore
            backup.restore_backup(paths, made)
    finally:
        engine_lock.release(paths.data_dir)
    assert not engine_lock.held_here(paths.data_dir)
    assert not engine_lock.held_by_other(paths.data_dir)


# ---- 3. integrity ------------------------------------------------------------------------------


def test_integrity_check_finds_a_damaged_sku_index_and_doctor_fails(tmp_path):
    paths = dbfiles.make_filled(tmp_path / "d")
    assert integrity_errors(paths.database) == []
    dbfiles.damage_sku_index(paths.database)
    damaged = paths.database.read_bytes()
    assert any("missing from index" in e for e in integrity_errors(paths.database))
    checks = run_checks(paths)
    assert not healthy(checks)
    line = next(c.line() for c in checks if c.label == "database")
    assert "FAIL" in line and "damaged" in line and "\n" not in line
    assert paths.database.read_bytes() == damaged  # never migrated nor rewritten


@pytest.mark.parametrize("damage", [dbfiles.truncate, dbfiles.break_header])
def test_start_up_check_raises_corrupt_and_leaves_the_file(tmp_path, damage):
    paths = dbfiles.make_filled(tmp_path / "d")
    backup.create_backup(paths.database)
    check_database(paths)  # sound: no error
    damage(paths.database)
    broken = paths.database.read_bytes()
    with pytest.raises(DatabaseCorrupt) as err:
        check_database(paths)
    assert "storesync restore" in err.value.line()
    assert str(err.value.newest_backup) in err.value.line()  # offers the newest backup
    assert paths.database.read_bytes() == broken


def test_start_up_check_accepts_a_missing_database(tmp_path):
    check_database(resolve_paths(tmp_path / "none"))


# ---- 4. typed problems -------------------------------------------------------------------------


def test_a_newer_schema_is_refused_untouched_and_names_the_version(tmp_path):
    paths = dbfiles.make_filled(tmp_path / "d")
    with sqlite3.connect(paths.database) as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == encode_version(__version__)
    dbfiles.mark_newer(paths.database, written_by=encode_version("2.3.4"))
    before = paths.database.read_bytes()
    engine = make_engine(paths.database)
    with pytest.raises(NewerSchema) as err:
        upgrade_to_head(engine)
    engine.dispose()
    assert "written by StoreSync 2.3.4" in err.value.line()
    assert "install StoreSync 2.3.4 or newer" in err.value.line()
    assert paths.database.read_bytes() == before


def test_a_newer_schema_without_a_recorded_version_still_says_what_to_do(tmp_path):
    paths = dbfiles.make_filled(tmp_path / "d")
    dbfiles.mark_newer(paths.database)
    engine = make_engine(paths.database)
    assert current_revision(engine) == "0099"
    with pytest.raises(NewerSchema, match=r"newer StoreSync.*install the newest"):
        upgrade_to_head(engine)
    engine.dispose()


def test_versions_encode_into_user_version_and_back():
    assert encode_version("1.12.3") == 1_012_003
    assert encode_version("0.1.0.dev4+g123") == 1_000
    assert decode_version(1_012_003) == "1.12.3"
    assert decode_version(0) is None


def test_raw_errors_map_to_their_problem(tmp_path):
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13
    assert isinstance(as_problem(full, tmp_path / "x.db"), DiskFull)
    assert isinstance(as_problem(OSError(errno.ENOSPC, "No space left")), DiskFull)
    ro = as_problem(PermissionError(errno.EACCES, "Permission denied", str(tmp_path)))
    assert isinstance(ro, DatabaseReadOnly) and str(tmp_path) in ro.line()
    assert isinstance(as_problem(OSError(errno.EROFS, "Read-only file system")), DatabaseReadOnly)
    assert as_problem(ValueError("something else")) is None
    assert "Free some space" in DiskFull(tmp_path).line()
    assert "--data-dir" in DatabaseReadOnly(tmp_path).line()
    for problem in (DiskFull(tmp_path), DatabaseReadOnly(tmp_path)):
        assert isinstance(problem, DatabaseProblem) and "\n" not in problem.line()


@posix_only
def test_a_read_only_database_folder_is_a_read_only_problem(tmp_path):
    """chmod does not bind root: when running as root the read-only folder is tested
    through the CLI with chattr (tests/unit/test_cli_safety.py)."""
    if os.geteuid() == 0:
        pytest.skip("root ignores directory modes")
    folder = tmp_path / "ro"
    folder.mkdir()
    os.chmod(folder, 0o500)
    try:
        with pytest.raises(DatabaseReadOnly):
            make_engine(folder / "storesync.db")
    finally:
        os.chmod(folder, 0o700)


def test_the_writer_version_is_recorded_only_when_the_schema_changes(tmp_path):
    engine = make_engine(tmp_path / "v.db")
    upgrade_to_head(engine)
    with engine.begin() as c:
        c.execute(text("PRAGMA user_version = 5"))
    upgrade_to_head(engine)  # at head: nothing written
    with engine.connect() as c:
        assert c.execute(text("PRAGMA user_version")).scalar() == 5
    engine.dispose()
