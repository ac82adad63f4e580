"""The engine orchestrates only: no module of ``app.core.sync`` touches the database
itself; every read and write goes through the services (docs/ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import app.core.sync

FORBIDDEN = ("sqlalchemy", "app.core.db")


def _imports(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):  # module level and inside functions alike
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_sync_module_imports_sqlalchemy_or_the_database_models():
    root = Path(app.core.sync.__file__).parent
    offenders = {}
    for path in sorted(root.rglob("*.py")):
        bad = sorted(
            name
            for name in _imports(ast.parse(path.read_text(encoding="utf-8")))
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
        )
        if bad:
            offenders[str(path.relative_to(root))] = bad
    assert offenders == {}


def test_the_scan_sees_imports_in_functions_too():
    tree = ast.parse("def f():\n    from app.core.db.models import Order\n    import sqlalchemy\n")
    assert {"app.core.db.models", "sqlalchemy"} <= _imports(tree)
