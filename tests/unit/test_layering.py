"""The core and the sandbox never load Qt (DESIGN §5)."""

from __future__ import annotations

import subprocess
import sys


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
