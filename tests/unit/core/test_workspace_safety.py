"""Opening a data folder checks the file first; daily backups while open; restoring a backup
into an open workspace. All on real SQLite files."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.core.db import backup
from app.core.services import catalog
from app.core.services.errors import ValidationError
from app.core.settings import BACKUPS_TO_KEEP, get_setting, set_setting
from app.core.workspace import (
    DailyBackups,
    DatabaseCorrupt,
    back_up_now,
    backups_of,
    newest_good_backup_of,
    open_workspace,
    restore_into,
    restore_offline,
)
from tests.helpers import dbfiles, factories


def _skus(ctx) -> set[str]:
    return {r.sku for r in catalog.variant_rows(ctx, catalog.variant_ids(ctx)).values()}


@pytest.mark.parametrize("damage", [dbfiles.truncate, dbfiles.break_header])
def test_a_damaged_database_is_reported_and_left_as_it_is(tmp_path, damage):
    paths = dbfiles.make_filled(tmp_path / "data")
    good = backup.create_backup(paths.database)
    damage(paths.database)
    before = paths.database.read_bytes()
    with pytest.raises(DatabaseCorrupt) as err:
        open_workspace(paths)
    assert err.value.newest_backup == good
    assert str(good) in err.value.line()
    assert paths.database.read_bytes() == before  # not migrated, repaired or overwritten
    assert newest_good_backup_of(paths) == good


def test_the_newest_good_backup_skips_a_damaged_one(tmp_path):
    paths = dbfiles.make_filled(tmp_path / "data")
    older = backup.create_backup(paths.database, now=datetime(2026, 3, 1, 8, 0))
    newer = backup.create_backup(paths.database, now=datetime(2026, 3, 2, 8, 0))
    dbfiles.truncate(newer)
    assert newest_good_backup_of(paths) == older


def test_restore_at_start_up_keeps_the_damaged_file_and_opens(tmp_path):
    paths = dbfiles.make_filled(tmp_path / "data")
    good = backup.create_backup(paths.database)
    dbfiles.truncate(paths.database)
    damaged = paths.database.read_bytes()
    result = restore_offline(paths, good)
    assert result.replaced is not None and result.replaced.read_bytes() == damaged
    ws = open_workspace(paths)
    try:
        assert _skus(ws.ctx) == {"KAOS-01", "KAOS-02", "KAOS-03"}
    finally:
        ws.close()


def test_daily_backups_once_a_day_keeping_the_setting(workspace):
    ctx, paths = workspace.ctx, workspace.paths
    factories.product(ctx, skus=("MADU-250",))
    set_setting(ctx, BACKUPS_TO_KEEP, 2)
    daily = DailyBackups(ctx, paths)
    first = daily.run_once(datetime(2026, 3, 1, 8, 0))
    assert first is not None and first.is_file()
    assert daily.run_once(datetime(2026, 3, 1, 20, 0)) is None  # the same day: not due
    for day in (2, 3, 4):
        assert daily.run_once(datetime(2026, 3, day, 8, 0)) is not None
    kept = backups_of(paths)
    assert len(kept) == 2 and kept[0].name.startswith("storesync-20260304-")
    assert dbfiles.row_counts(kept[0])["variants"] == 1


def test_the_daily_thread_backs_up_at_start(workspace):
    daily = DailyBackups(workspace.ctx, workspace.paths).start()
    try:
        _wait(lambda: len(backups_of(workspace.paths)) == 1)
    finally:
        daily.stop()
    assert daily.made == backups_of(workspace.paths)


def test_every_backup_prunes_to_the_setting_also_without_a_number(workspace):
    set_setting(workspace.ctx, BACKUPS_TO_KEEP, 3)
    for day in range(1, 6):  # as `storesync backup` does: no keep given
        backup.create_backup(workspace.paths.database, now=datetime(2026, 3, day, 8, 0))
    assert len(backups_of(workspace.paths)) == 3
    assert backup.stored_keep(workspace.paths.database) == 3


def test_the_number_of_backups_is_bounded(ctx):
    for bad in (0, 366, -1):
        with pytest.raises(ValidationError):
            set_setting(ctx, BACKUPS_TO_KEEP, bad)
    assert get_setting(ctx, BACKUPS_TO_KEEP) == backup.KEEP_DEFAULT


def test_restore_into_an_open_workspace_brings_the_backup_back(workspace):
    ctx, paths = workspace.ctx, workspace.paths
    factories.product(ctx, skus=("KOPI-01",))
    made = back_up_now(ctx, paths)
    factories.product(ctx, skus=("TEH-01",))
    assert _skus(ctx) == {"KOPI-01", "TEH-01"}

    result = restore_into(ctx, paths, made)

    assert _skus(ctx) == {"KOPI-01"}  # the same sessions read the restored file
    assert result.replaced is not None and result.replaced.is_file()
    assert dbfiles.row_counts(result.replaced)["variants"] == 2  # the replaced one is kept
    factories.product(ctx, skus=("GULA-01",))  # and it takes writes
    assert _skus(ctx) == {"KOPI-01", "GULA-01"}


def _wait(cond, timeout: float = 60.0) -> None:
    import time

    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
