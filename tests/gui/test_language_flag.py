"""``storesync --language id|en`` opens the app in that language for this start, whatever
Settings say (issue 15, item 1). A real app process on the offscreen platform."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core.paths import resolve_paths
from app.core.settings import LANGUAGE, get_setting, set_setting
from app.core.workspace import open_workspace


def _wait_for_line(log_file: Path, text: str, proc: subprocess.Popen, timeout: float = 60) -> str:
    """The first log line containing ``text`` (polled: the app starts at its own pace)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log_file.is_file():
            for line in log_file.read_text(encoding="utf-8", errors="replace").splitlines():
                if text in line:
                    return line
        assert proc.poll() is None, f"the app exited with {proc.returncode}"
        time.sleep(0.2)
    raise AssertionError(f"no log line with {text!r} within {timeout} s")


@pytest.mark.parametrize(("stored", "flag"), [("en", "id"), ("id", "en")])
def test_the_language_flag_wins_over_the_setting_for_this_start(tmp_path, stored, flag):
    data = tmp_path / "data"
    ws = open_workspace(resolve_paths(data))
    try:
        set_setting(ws.ctx, LANGUAGE, stored)
    finally:
        ws.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "--language", flag, "--data-dir", str(data)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        line = _wait_for_line(data / "logs" / "storesync.log", "interface language:", proc)
        assert line.endswith(f"interface language: {flag}")
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    ws = open_workspace(resolve_paths(data))
    try:
        assert get_setting(ws.ctx, LANGUAGE) == stored  # only this start: Settings unchanged
    finally:
        ws.close()
