"""The audit log as an Excel file (the audit page's Export and ``storesync audit list
--xlsx``): the filtered entries, newest first, with the filter on a cover sheet.

Times are written in the workspace's time zone, like every export (Excel has no zones)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.core.export.xlsx import (
    Column,
    Kind,
    SheetWriter,
    atomic_workbook,
    stream_sheet,
    write_cover,
)
from app.core.services.analytics.calendar import zone
from app.core.services.audit import AuditFilter, search
from app.core.services.context import ServiceContext

COLUMNS = (
    Column("When", Kind.DATETIME, 18),
    Column("User", Kind.TEXT, 14),
    Column("Kind", Kind.TEXT, 12),
    Column("What", Kind.TEXT, 14),
    Column("Action", Kind.TEXT, 16),
    Column("Before", Kind.TEXT, 40),
    Column("After", Kind.TEXT, 40),
    Column("Note", Kind.TEXT, 30),
)


def as_text(value: Any) -> str:
    """Before/after values as one line of JSON (empty when there is none)."""
    if value is None or value == {}:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def export_audit(ctx: ServiceContext, f: AuditFilter, path: Path) -> int:
    """Write the entries matching ``f`` to ``path``; returns how many rows."""
    rows = search(ctx, f, limit=None)  # checks the permission to see the log
    tz = zone(ctx)
    with atomic_workbook(Path(path)) as wb:
        sheet = SheetWriter(stream_sheet(wb, "Audit log"), COLUMNS)
        for r in rows:
            local = r.at.astimezone(tz).replace(tzinfo=None)
            sheet.append(
                (
                    local,
                    r.actor,
                    r.entity_type,
                    r.entity_id,
                    r.action,
                    as_text(r.before),
                    as_text(r.after),
                    r.note,
                )
            )
        sheet.finish()
        write_cover(
            wb,
            "StoreSync — audit log",
            [
                ("User", f.user or "all"),
                ("Kind", f.kind or "all"),
                ("Since", f.since.astimezone(tz).replace(tzinfo=None) if f.since else "-"),
                ("Until", f.until.astimezone(tz).replace(tzinfo=None) if f.until else "-"),
                ("Entries", len(rows)),
            ],
        )
    return len(rows)
