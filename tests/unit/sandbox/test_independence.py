"""The emulator stands apart from the product: it may share only ``app.core.domain``, and
production core never reaches for the emulator or the demo wiring (docs/ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[3] / "app"


def _imports(folder: Path) -> list[tuple[str, str]]:
    out = []
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                out.extend((str(path), alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                out.append((str(path), node.module))
    return out


def test_sandbox_imports_nothing_from_core_but_the_domain():
    bad = [
        (path, name)
        for path, name in _imports(APP / "sandbox")
        if name.startswith("app.core") and not name.startswith("app.core.domain")
    ]
    assert bad == []


def test_core_does_not_import_the_sandbox_or_the_demo():
    bad = [
        (path, name)
        for path, name in _imports(APP / "core")
        if name.startswith(("app.sandbox", "app.demo"))
    ]
    assert bad == []
