"""The command line a support person or a script uses."""

from __future__ import annotations

import subprocess
import sys

from app import __version__


def run(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "app", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_version():
    out = run("--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"StoreSync {__version__}"


def test_doctor_creates_a_migrated_database_and_exits_zero(tmp_path):
    d = tmp_path / "fresh"
    out = run("doctor", "--data-dir", str(d))
    assert out.returncode == 0, out.stdout + out.stderr
    assert (d / "storesync.db").is_file()
    lines = out.stdout.splitlines()
    labels = [line.split("]", 1)[1].split(":", 1)[0].strip() for line in lines[:-1]]
    assert labels == ["version", "data folder", "database", "stock ledger", "keychain", "free disk"]
    assert "at head" in next(line for line in lines if "database:" in line)
    assert lines[-1] == "healthy"


def test_doctor_fails_when_the_database_cannot_be_opened(tmp_path):
    d = tmp_path / "bad"
    d.mkdir()
    (d / "storesync.db").write_bytes(b"this is not a database" * 100)
    out = run("doctor", "--data-dir", str(d))
    assert out.returncode == 1
    assert "FAIL" in out.stdout and out.stdout.strip().endswith("NOT healthy")
