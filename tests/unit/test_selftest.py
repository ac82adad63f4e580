"""``storesync --self-test``: the check CI runs inside the frozen build (see .ci/run)."""

from __future__ import annotations

import re
import subprocess
import sys

import keyring

from app import __version__, selftest


def test_self_test_passes_from_source_and_prints_one_summary_line(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "app", "--self-test"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert len(lines) == 1, out.stdout
    m = re.fullmatch(
        rf"self-test passed \(StoreSync {re.escape(__version__)}\): migrate \(\w+\), "
        r"keychain \([^)]+\), interface, sandbox, connect, sync (\d+) orders, "
        r"export (\d+) rows in [\d.]+ s",
        lines[0],
    )
    assert m, lines[0]
    assert int(m[1]) > 0
    assert m[1] == m[2]


def test_a_failing_step_prints_one_line_naming_it_and_exits_1(monkeypatch, capsys):
    def broken(run):
        raise FileNotFoundError("migrations folder missing\nsecond line")

    steps = tuple((n, broken if n == "migrate" else f) for n, f in selftest.STEPS)
    monkeypatch.setattr(selftest, "STEPS", steps)
    assert selftest.run_self_test() == 1
    assert capsys.readouterr().out == (
        "self-test failed at migrate: FileNotFoundError: migrations folder missing\n"
    )


def test_with_an_os_keychain_the_self_test_leaves_it_untouched(qapp, memory_keyring, capsys):
    # the suite's in-memory keychain stands in for a real one (it is "secure")
    assert selftest.run_self_test() == 0
    out = capsys.readouterr().out
    assert "keychain (" in out and "test secrets in memory" in out, out
    assert keyring.get_keyring() is memory_keyring
    assert memory_keyring.store == {}
