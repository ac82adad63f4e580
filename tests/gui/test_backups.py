"""Settings -> Backups on real files: back up now with progress, restore (own engine stopped
and started again, the replaced data kept), refusals; start-up with a damaged database."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea

from app.core.db.backup import create_backup
from app.core.services import catalog
from app.core.settings import BACKUPS_TO_KEEP, get_setting
from app.core.sync.engine import SyncEngine
from app.core.workspace import back_up_now, backups_of
from app.gui.settings.page import SettingsPage
from app.gui.settings.recovery import RecoveryDialog, open_or_recover
from tests.helpers import dbfiles, factories


def _skus(ctx) -> set[str]:
    return {r.sku for r in catalog.variant_rows(ctx, catalog.variant_ids(ctx)).values()}


def settings_page(window) -> SettingsPage:
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    return page


def test_back_up_now_shows_progress_and_the_new_backup(qtbot, window, gui):
    panel = settings_page(window).backups
    seen: list[tuple[int, int]] = []
    panel._relay.progressed.connect(lambda done, total: seen.append((done, total)))
    assert "No backup yet" in panel.newest.text()
    qtbot.mouseClick(panel.backup_button, Qt.MouseButton.LeftButton)
    assert panel.busy and panel.progress.isVisible() and not panel.restore_button.isEnabled()
    qtbot.waitUntil(lambda: not panel.busy, timeout=60_000)
    made = backups_of(gui.paths)
    assert len(made) == 1 and made[0].stat().st_size > 0
    assert seen and seen[-1][0] == seen[-1][1] > 0  # pages copied, up to all of them
    assert str(made[0]) in panel.result.text()
    assert "Newest backup" in panel.newest.text() and "1 kept" in panel.newest.text()
    assert not panel.progress.isVisible() and panel.backup_button.isEnabled()


def test_the_number_of_backups_to_keep_is_edited_beside_the_buttons(qtbot, window, gui):
    page = settings_page(window)
    spin = page.editors[BACKUPS_TO_KEEP.key]
    assert spin.parentWidget() is page.backups
    assert (spin.minimum(), spin.maximum()) == (1, 365)
    spin.setValue(12)
    page.save()
    assert get_setting(gui.ctx, BACKUPS_TO_KEEP) == 12


def test_restore_brings_the_backup_back_and_restarts_the_engine(qtbot, window, gui):
    panel = settings_page(window).backups
    factories.product(gui.ctx, skus=("KOPI-01",))
    made = back_up_now(gui.ctx, gui.paths)
    factories.product(gui.ctx, skus=("TEH-01",))
    before = _skus(gui.ctx)
    gui.engine.started = False

    assert panel.restore_from(made)
    qtbot.waitUntil(lambda: not panel.busy, timeout=60_000)

    assert "Restored" in panel.result.text(), panel.result.text()
    assert _skus(gui.ctx) == before - {"TEH-01"}
    assert gui.engine.stopped and gui.engine.started  # stopped first, running again
    kept = list(gui.paths.data_dir.glob("storesync-replaced-*.db"))
    assert len(kept) == 1 and str(kept[0]) in panel.result.text()
    # every page reads the restored data: the catalog, when shown, has no TEH-01
    catalog_page = window.show_page("catalog")
    qtbot.waitUntil(lambda: gui.runner.pending == 0, timeout=60_000)
    assert catalog_page.model.rowCount() == len(before) - 1


def test_restore_with_the_real_engine_stops_and_starts_it(qtbot, workspace, seeded, make_gui):
    gui = make_gui(workspace)
    engine = SyncEngine(workspace, gui.bridge.post_event)
    gui.engine = engine
    page = SettingsPage(gui)
    qtbot.addWidget(page)
    made = back_up_now(gui.ctx, gui.paths)
    engine.start()
    try:
        assert page.backups.restore_from(made)
        qtbot.waitUntil(lambda: not page.backups.busy, timeout=60_000)
        assert "Restored" in page.backups.result.text(), page.backups.result.text()
        assert engine._started
    finally:
        engine.stop()


def test_restore_is_refused_while_another_storesync_syncs_the_folder(qtbot, window, gui):
    panel = settings_page(window).backups
    made = back_up_now(gui.ctx, gui.paths)
    factories.product(gui.ctx, skus=("TEH-01",))
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from app.core import engine_lock; "
            "engine_lock.acquire(Path(sys.argv[1])); print('held', flush=True); "
            "sys.stdin.read()",
            str(gui.paths.data_dir),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert not panel.restore_from(made)
    finally:
        holder.communicate("", timeout=60)
    assert "Another StoreSync is syncing this data folder" in panel.result.text()
    assert not gui.engine.stopped  # our own engine was left running
    assert "TEH-01" in _skus(gui.ctx)


def test_a_damaged_backup_is_refused_and_nothing_changes(qtbot, window, gui, tmp_path):
    panel = settings_page(window).backups
    bad = tmp_path / "bad.db"
    bad.write_bytes(back_up_now(gui.ctx, gui.paths).read_bytes())
    dbfiles.truncate(bad)
    factories.product(gui.ctx, skus=("TEH-01",))
    assert panel.restore_from(bad)
    qtbot.waitUntil(lambda: not panel.busy, timeout=60_000)
    assert "Nothing was restored" in panel.result.text()
    assert "damaged" in panel.result.text()
    assert not panel.restore_from(gui.paths.database)  # the file in use is no backup
    assert "choose a backup file" in panel.result.text()
    assert "TEH-01" in _skus(gui.ctx)
    assert not list(gui.paths.data_dir.glob("storesync-replaced-*.db"))
    assert gui.engine.started  # started again after the refusal


def test_settings_page_screenshot(qtbot, window, gui, tmp_path):
    page = settings_page(window)
    window.resize(1280, 900)
    page.findChild(QScrollArea).ensureWidgetVisible(page.backups)
    page.backups.back_up()
    busy = window.grab()  # the progress bar shows while the copy runs
    qtbot.waitUntil(lambda: not page.backups.busy, timeout=60_000)
    qtbot.wait(50)
    assert busy.save(str(tmp_path / "settings-backing-up.png"))
    assert window.grab().save(str(tmp_path / "settings-backed-up.png"))
    assert "Backed up to" in page.backups.result.text()


# ---- start-up ---------------------------------------------------------------------------


def _when_shown(qtbot, kind, act) -> QTimer:
    """Poll for a visible top-level ``kind`` and act on it once (modal dialogs block)."""
    timer = QTimer()
    done: list[bool] = []

    def poll() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, kind) and w.isVisible() and not done:
                done.append(True)
                act(w)

    timer.timeout.connect(poll)
    timer.start(50)
    return timer


@pytest.mark.expected_errors("the database is damaged")
def test_a_damaged_database_at_start_up_offers_the_newest_good_backup(qtbot, tmp_path):
    paths = dbfiles.make_filled(tmp_path / "data")
    good = create_backup(paths.database)
    dbfiles.truncate(paths.database)
    damaged = paths.database.read_bytes()
    texts: list[str] = []

    def restore(dialog: RecoveryDialog) -> None:
        texts.append(" ".join(label.text() for label in dialog.findChildren(type(dialog.offer))))
        assert dialog.backup == good and dialog.restore_button.isVisible()
        dialog.restore_button.click()

    timer = _when_shown(qtbot, RecoveryDialog, restore)
    try:
        ws = open_or_recover(paths)
    finally:
        timer.stop()
    assert ws is not None
    try:
        assert _skus(ws.ctx) == {"KAOS-01", "KAOS-02", "KAOS-03"}
    finally:
        ws.close()
    assert "damaged" in texts[0] and good.name in texts[0]
    kept = list(paths.data_dir.glob("storesync-replaced-*.db"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # never overwritten


@pytest.mark.expected_errors("could not open the data folder")
def test_a_database_from_a_newer_storesync_is_one_plain_message(qtbot, tmp_path):
    paths = dbfiles.make_filled(tmp_path / "data")
    dbfiles.mark_newer(paths.database)
    said: list[str] = []

    def close(box: QMessageBox) -> None:
        said.append(box.text())
        box.accept()

    timer = _when_shown(qtbot, QMessageBox, close)
    try:
        assert open_or_recover(paths) is None
    finally:
        timer.stop()
    assert "newer StoreSync" in said[0] and "Traceback" not in said[0]
