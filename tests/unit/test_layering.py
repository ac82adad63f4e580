"""The layers of docs/ARCHITECTURE.md hold: no Qt below the GUI, import-linter's contracts,
and a type-checked domain and services."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_core_and_sandbox_import_no_qt():
    code = (
        "import sys, pkgutil, importlib, app.core, app.sandbox\n"
        "for pkg in (app.core, app.sandbox):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.migrations' not in m.name: importlib.import_module(m.name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'qasync', 'pyqtgraph')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def _tool(name: str) -> str:
    """A console script installed beside this interpreter (the project's virtual env)."""
    return str(Path(sys.executable).with_name(name))


def test_layers_hold_as_the_contracts_in_pyproject_say():
    """docs/ARCHITECTURE.md's layers, checked by import-linter (imports inside functions too)."""
    run = subprocess.run(
        [_tool("lint-imports"), "--no-cache"], capture_output=True, text=True, cwd=ROOT
    )
    broken = [line for line in run.stdout.splitlines() if "BROKEN" in line]
    assert run.returncode == 0 and not broken, run.stdout[-4000:] + run.stderr[-2000:]


def test_domain_and_services_type_check():
    """mypy over the typed core (files and settings in pyproject.toml's [tool.mypy])."""
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
