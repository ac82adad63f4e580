"""Another PC's (here: another process's) writes appear in this window within the change
counters' poll time, on the pages that show them, without this window doing anything
(docs/ARCHITECTURE.md, change counters; app/gui/changes.py)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from app.gui.changes import POLL_MS
from tests.gui.conftest import wait_loaded

ROOT = Path(__file__).resolve().parents[2]
SLACK_S = 8.0  # a loaded 2-core machine: a poll and a page refresh may run late


def test_another_process_write_shows_on_the_catalog_and_activity(qtbot, window, gui, seeded):
    page = window.show_page("catalog")
    wait_loaded(qtbot, page.model)
    before = page.model.rowCount()
    activity = window.pages["activity"]

    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.helpers.other_pc_write",
            str(gui.paths.data_dir),
            "DARI-PC-LAIN",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    written = time.monotonic()

    def shown() -> bool:
        skus = {page.model.row_at(i).sku for i in range(page.model.rowCount())}
        return not page.model.is_loading and "DARI-PC-LAIN" in skus

    qtbot.waitUntil(shown, timeout=60_000)
    took = time.monotonic() - written
    print(f"\nanother process's product on the Catalog page after {took:.1f} s")
    assert page.model.rowCount() == before + 1
    assert took <= POLL_MS / 1000 + SLACK_S

    # the lease it took shows on Sync activity: which PC syncs the store
    window.show_page("activity")
    qtbot.waitUntil(lambda: "synced by PC-OTHER pid 7" in activity.leases.text(), timeout=60_000)
