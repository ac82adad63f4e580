"""Excel exports for bookkeeping and Excel bulk import (openpyxl, no Qt)."""

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
