"""Excel exports for bookkeeping and Excel bulk import (openpyxl, no Qt).

The names below load :mod:`app.core.export.reports` (and openpyxl) on first use, not when
the package is imported: every start of the app imports light modules of this package
(the command line's export kinds) and must not pay for openpyxl (tests/perf/bench_imports.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.core.export.reports import (
        ExportCancelled,
        ExportKind,
        ExportRequest,
        ExportResult,
        Progress,
        run_export,
    )

__all__ = [
    "ExportCancelled",
    "ExportKind",
    "ExportRequest",
    "ExportResult",
    "Progress",
    "run_export",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from app.core.export import reports

        return getattr(reports, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
