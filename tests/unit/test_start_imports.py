"""What starting the app loads (issue 14 item 6): the command line's parser, logging, the
GUI's composition root and opening a data folder already at head load no Excel (openpyxl),
PDF (pypdf), demo (sandbox), chart (pyqtgraph) or Alembic code; those load when first used.
A real process, so nothing an earlier test imported counts. Timings:
tests/perf/bench_imports.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFERRED = (
    "openpyxl",
    "pypdf",
    "app.sandbox",
    "app.demo",
    "app.core.export.reports",
    "alembic",
    "pyqtgraph",  # the charts: built when their figures arrive
    "app.gui.analytics.charts",
)

PROBE = """
import json, sys
import app.__main__ as entry
entry.build_parser().parse_args(["--data-dir", sys.argv[1]])
import app.gui.launch
from app.core.paths import resolve_paths
from app.core.workspace import open_workspace
open_workspace(resolve_paths(sys.argv[1])).close()
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {"openpyxl", "pypdf",
    "alembic", "pyqtgraph", "app"})))
"""


def _loaded(folder: Path) -> set[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_a_start_over_a_folder_at_head_loads_none_of_the_deferred_code(tmp_path):
    folder = tmp_path / "data"
    first = _loaded(folder)  # a new folder: created and migrated, so Alembic runs
    assert "alembic" in first
    again = _loaded(folder)  # at head now: what every later start does
    assert "app.gui.launch" in again and "app.core.workspace" in again
    loaded = [m for m in again if m.startswith(DEFERRED)]
    assert loaded == []
