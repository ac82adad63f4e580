"""The audit trail: who changed what, when, with before and after values.

Every service that changes stores, settings, the catalog, stock, orders or users adds a
row here in its own unit of work (docs/ARCHITECTURE.md, "Accounts and permissions");
:func:`search` is what the audit page and ``storesync audit list`` read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.db.models import AuditEntry
from app.core.services.context import ServiceContext
from app.core.services.permissions import Permission, require


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
    require(ctx, Permission.VIEW_AUDIT)
    stmt = select(AuditEntry).where(AuditEntry.workspace_id == ctx.workspace_id)
    if entity_type is not None:
        stmt = stmt.where(AuditEntry.entity_type == entity_type)
    if entity_id is not None:
        stmt = stmt.where(AuditEntry.entity_id == str(entity_id))
    stmt = stmt.order_by(AuditEntry.id.desc()).limit(limit)
    with ctx.read() as s:
        return [_audit_row(e) for e in s.scalars(stmt)]


def record_request(
    ctx: ServiceContext, entity_type: str, entity_ids: Sequence[object], action: str, note: str = ""
) -> None:
    """A seller's request the engine carries out (ship, cancel): who asked, in its own unit
    of work. The engine's own change is recorded again as ``sync`` where it is stored."""
    with ctx.write() as s:
        for entity_id in entity_ids:
            record(s, ctx, entity_type, entity_id, action, note=note)


@dataclass(frozen=True)
class AuditFilter:
    """The audit page's filter: any of user, kind (entity type) and a time range (UTC,
    ``since`` included, ``until`` excluded)."""

    user: str | None = None
    kind: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def _filtered(ctx: ServiceContext, f: AuditFilter):
    stmt = select(AuditEntry).where(AuditEntry.workspace_id == ctx.workspace_id)
    if f.user:
        stmt = stmt.where(AuditEntry.actor == f.user)
    if f.kind:
        stmt = stmt.where(AuditEntry.entity_type == f.kind)
    if f.since is not None:
        stmt = stmt.where(AuditEntry.created_at >= f.since)
    if f.until is not None:
        stmt = stmt.where(AuditEntry.created_at < f.until)
    return stmt


def _audit_row(e: AuditEntry) -> AuditRow:
    return AuditRow(
        e.id, e.created_at, e.actor, e.entity_type, e.entity_id, e.action, e.before, e.after, e.note
    )


def search(ctx: ServiceContext, f: AuditFilter, limit: int | None = 1000) -> list[AuditRow]:
    """Entries matching ``f``, newest first (``limit`` None: all of them, for an export)."""
    require(ctx, Permission.VIEW_AUDIT)
    stmt = _filtered(ctx, f).order_by(AuditEntry.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    with ctx.read() as s:
        return [_audit_row(e) for e in s.scalars(stmt)]


def kinds(ctx: ServiceContext) -> list[str]:
    """Every kind of entry recorded so far (the kind filter's choices)."""
    return _recorded(ctx, AuditEntry.entity_type)


def actors(ctx: ServiceContext) -> list[str]:
    """Everyone who changed something (the user filter's choices; ``sync`` included)."""
    return _recorded(ctx, AuditEntry.actor)


def _recorded(ctx: ServiceContext, column) -> list[str]:
    """The distinct values of one audit column in this workspace, sorted."""
    require(ctx, Permission.VIEW_AUDIT)
    with ctx.read() as s:
        return list(
            s.scalars(
                select(column)
                .where(AuditEntry.workspace_id == ctx.workspace_id)
                .distinct()
                .order_by(column)
            )
        )
