"""``--data-dir`` is honoured before or after the command (issue 15, item 8): a support
person typing ``storesync --data-dir D status`` must get D's database, not the default one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.__main__ import build_parser


def run(args: list[str], default_dir: Path) -> subprocess.CompletedProcess:
    # the "default" folder is a fresh one the command must leave alone
    env = {**os.environ, "STORESYNC_DATA_DIR": str(default_dir)}
    return subprocess.run(
        [sys.executable, "-m", "app", *args], capture_output=True, text=True, env=env, timeout=120
    )


COMMANDS = {
    "doctor": ["doctor"],
    "status": ["status"],
    "export": ["export", "orders", "--from", "2026-11-01", "--to", "2026-11-30"],
}


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_data_dir_is_used_wherever_the_flag_stands(tmp_path, command, where):
    chosen, default = tmp_path / "chosen", tmp_path / "default"
    args = list(COMMANDS[command])
    if command == "export":
        args += ["--out", str(tmp_path / "orders.xlsx")]
    flag = ["--data-dir", str(chosen)]
    args = flag + args if where == "before" else args + flag
    out = run(args, default)
    assert out.returncode == 0, out.stdout + out.stderr
    assert (chosen / "storesync.db").is_file()
    assert not default.exists(), "the default data folder was used"
    if command == "status":
        assert "no stores connected" in out.stdout
    if command == "export":
        assert (tmp_path / "orders.xlsx").is_file()


def test_the_flag_after_a_nested_command_and_verbose_anywhere():
    parser = build_parser()
    args = parser.parse_args(["--data-dir", "A", "-v", "status"])
    assert args.data_dir == "A" and args.verbose is True
    args = parser.parse_args(["status", "-v", "--data-dir", "C"])
    assert args.data_dir == "C" and args.verbose is True
    args = parser.parse_args(["stores", "list", "--data-dir", "B"])
    assert args.data_dir == "B" and args.verbose is False
    args = parser.parse_args(["--data-dir", "A", "stores", "list"])
    assert args.data_dir == "A"
    assert parser.parse_args([]).data_dir is None


def test_language_flag_is_parsed_and_checked(capsys):
    parser = build_parser()
    assert parser.parse_args(["--language", "id"]).language == "id"
    assert parser.parse_args([]).language is None
    with pytest.raises(SystemExit) as stop:
        parser.parse_args(["--language", "fr"])
    assert stop.value.code == 2
    assert "invalid choice: 'fr'" in capsys.readouterr().err
