"""The audit trail: who changed what, when, with before and after values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.db.models import AuditEntry
from app.core.services.context import ServiceContext


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "value") and not isinstance(value, str | int | float | bool):
        return value.value  # enums
    return value


def record(
    session: Session,
    ctx: ServiceContext,
    entity_type: str,
    entity_id: object,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> None:
    """Add an audit row in the caller's unit of work. Never pass secrets here."""
    if before is not None and after is not None:
        # keep only what changed, so the trail reads as a diff
        changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
        before = {k: before.get(k) for k in changed}
        after = {k: after.get(k) for k in changed}
    session.add(
        AuditEntry(
            workspace_id=ctx.workspace_id,
            actor=ctx.actor,
            entity_type=entity_type,
            entity_id=str(entity_id),
            action=action,
            before=_jsonable(before),
            after=_jsonable(after),
            note=note,
        )
    )


@dataclass(frozen=True)
class AuditRow:
    """One audit entry as the GUI shows it."""

    id: int
    at: datetime
    actor: str
    entity_type: str
    entity_id: str
    action: str
    before: Any
    after: Any
    note: str


def history(
    ctx: ServiceContext,
    entity_type: str | None = None,
    entity_id: object | None = None,
    limit: int = 200,
) -> list[AuditRow]:
    """Newest first, optionally for one entity."""
    stmt = select(AuditEntry).where(AuditEntry.workspace_id == ctx.workspace_id)
    if entity_type is not None:
        stmt = stmt.where(AuditEntry.entity_type == entity_type)
    if entity_id is not None:
        stmt = stmt.where(AuditEntry.entity_id == str(entity_id))
    stmt = stmt.order_by(AuditEntry.id.desc()).limit(limit)
    with ctx.read() as s:
        return [
            AuditRow(
                e.id,
                e.created_at,
                e.actor,
                e.entity_type,
                e.entity_id,
                e.action,
                e.before,
                e.after,
                e.note,
            )
            for e in s.scalars(stmt)
        ]
