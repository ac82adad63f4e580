"""The GUI reaches data only through the services and the engine (docs/ARCHITECTURE.md).

Scans every module under ``app/gui`` (AST, nothing is imported): no SQLAlchemy or
``app.core.db`` import, no unit of work opened with ``ctx.read()`` / ``ctx.write()``,
no use of a session factory (``.sessions``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import app.gui

GUI = Path(app.gui.__file__).parent
FORBIDDEN_MODULES = ("sqlalchemy", "app.core.db")


def _forbidden_module(name: str) -> bool:
    return any(name == m or name.startswith(m + ".") for m in FORBIDDEN_MODULES)


def database_uses(source: str) -> list[tuple[int, str]]:
    """``(line, what)`` for every database reach in one module's source."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [
                (node.lineno, f"import {a.name}") for a in node.names if _forbidden_module(a.name)
            ]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if _forbidden_module(node.module):
                found.append((node.lineno, f"from {node.module} import"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("read", "write")
            and not node.args
            and not node.keywords
        ):
            found.append((node.lineno, f".{node.func.attr}()"))
        elif isinstance(node, ast.Attribute) and node.attr == "sessions":
            found.append((node.lineno, ".sessions"))
    return sorted(found)


def test_the_scan_sees_every_kind_of_database_reach():
    source = (
        "import sqlalchemy\n"
        "from app.core.db.models import Store\n"
        "with ctx.write() as s: pass\n"
        "with gui.ctx.read() as s: pass\n"
        "maker = ws.sessions\n"
        "from app.core.services import stores\n"
        "stores.list_stores(ctx)\n"
    )
    assert [line for line, _ in database_uses(source)] == [1, 2, 3, 4, 5]


def test_no_database_session_in_the_gui():
    offenders = [
        f"{path.relative_to(GUI.parent.parent)}:{line}: {what}"
        for path in sorted(GUI.rglob("*.py"))
        for line, what in database_uses(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
