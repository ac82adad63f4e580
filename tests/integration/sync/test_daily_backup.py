"""`storesync sync` makes the daily backup beside the engine (app.core.workspace.DailyBackups)."""

from __future__ import annotations

from app.core.db.backup import backup_revision, list_backups
from tests.helpers.dbfiles import row_counts
from tests.integration.sync.test_crash import crash_world, sync_process  # noqa: F401


def test_storesync_sync_makes_the_daily_backup(crash_world):  # noqa: F811
    w = crash_world
    w.engine.stop()  # only the subprocess runs an engine on the folder
    proc = sync_process(w.ws.paths.data_dir, capture=True)
    _out, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err.decode()[-2000:]
    daily = [p for p in list_backups(w.ws.paths.backups_dir) if p.name.endswith("-daily.db")]
    assert len(daily) == 1
    backup_revision(daily[0])  # sound, with a schema this StoreSync knows
    assert row_counts(daily[0])["stores"] == 4
    # a second run the same day makes none
    proc = sync_process(w.ws.paths.data_dir, capture=True)
    _out, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err.decode()[-2000:]
    assert len([p for p in list_backups(w.ws.paths.backups_dir) if "-daily" in p.name]) == 1
