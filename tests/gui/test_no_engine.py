"""The app opened while another process syncs its data folder: it runs without an engine,
says in one line which process syncs, and can still be used to look and edit."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtWidgets import QLabel

from app.core import engine_lock
from app.core.engine_lock import EngineAlreadyRunning
from app.core.services import stock_levels
from app.gui.launch import _shutdown, compose
from app.gui.no_engine import NoEngine
from app.gui.ui_state import UiState
from tests.gui.conftest import wait_loaded
from tests.gui.test_inventory import select_sku


@pytest.fixture
def other_sync(workspace):
    """Another process holding the folder's engine lock, labelled as ``storesync sync``."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from app.core import engine_lock; "
            "engine_lock.take(Path(sys.argv[1]), 'sync'); print('held', flush=True); "
            "sys.stdin.read()",
            str(workspace.paths.data_dir),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
        holder.stdout.close()


def test_the_app_runs_without_an_engine_and_names_the_process_that_syncs(
    qtbot, workspace, seeded, other_sync, tmp_path
):
    parts = compose(workspace, workspace.paths, UiState(tmp_path / "ui-state.json"))
    try:
        qtbot.waitExposed(parts.window)
        assert isinstance(parts.engine, NoEngine)
        assert not engine_lock.held_here(workspace.paths.data_dir)
        notice = parts.window.findChild(QLabel, "noEngineNotice")
        assert notice is not None and notice.isVisible()
        line = notice.text()
        assert "\n" not in line
        assert f"storesync sync (pid {other_sync.pid}, since " in line
        assert "Syncing is off in this window" in line and "look and edit" in line

        # what needs the engine is refused at once, with the same line
        with pytest.raises(EngineAlreadyRunning) as refused:
            parts.engine.sync_now(1)
        assert str(refused.value) == line

        # looking and editing still work: every page opens, a stock change is kept
        for key in list(parts.window.pages):
            parts.window.show_page(key)
        page = parts.window.show_page("inventory")
        wait_loaded(qtbot, page.model)
        select_sku(qtbot, page, "TOPI-NVY")
        dlg = page.open_dialog("adjust")
        dlg.quantity.setValue(-2)
        dlg.reason.setCurrentText("Damaged")
        with qtbot.waitSignal(dlg.accepted):
            dlg.save()
        level = stock_levels.stock_levels(workspace.ctx, seeded.variant_ids["TOPI-NVY"])[0]
        assert level.on_hand == 15
    finally:
        _shutdown(parts.window, parts.demo_ctl, parts.engine, parts.bridge, parts.runner, workspace)
