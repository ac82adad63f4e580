"""Stock locations: list and create them, and which one a store's stock comes from."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.db.models import Location, Store
from app.core.services import audit
from app.core.services.context import ServiceContext
from app.core.services.errors import ConflictError, NotFoundError, ValidationError
from app.core.services.permissions import Permission, require
from app.core.settings import StoreSettings
from app.core.text import msg


@dataclass(frozen=True)
class LocationRow:
    """A stock location."""

    id: int
    code: str
    name: str
    is_default: bool
    active: bool


def list_locations(ctx: ServiceContext, include_inactive: bool = False) -> list[LocationRow]:
    """Locations, default first."""
    stmt = select(Location).where(Location.workspace_id == ctx.workspace_id)
    if not include_inactive:
        stmt = stmt.where(Location.active.is_(True))
    with ctx.read() as s:
        return [
            LocationRow(loc.id, loc.code, loc.name, loc.is_default, loc.active)
            for loc in s.scalars(stmt.order_by(Location.is_default.desc(), Location.name))
        ]


def create_location(ctx: ServiceContext, code: str, name: str) -> int:
    """Add a location; codes are unique (case-insensitive) and short."""
    require(ctx, Permission.EDIT_SETTINGS)
    code, name = code.strip().upper(), name.strip()
    if not code or len(code) > 40 or any(c.isspace() for c in code):
        raise ValidationError(msg("code must be 1–40 characters without spaces"), field="code")
    if not name:
        raise ValidationError(msg("name is required"), field="name")
    with ctx.write() as s:
        exists = s.scalar(
            select(Location.id).where(
                Location.workspace_id == ctx.workspace_id, func.upper(Location.code) == code
            )
        )
        if exists:
            raise ConflictError(msg("a location with code {code} already exists", code=code))
        loc = Location(workspace_id=ctx.workspace_id, code=code, name=name)
        s.add(loc)
        s.flush()
        audit.record(s, ctx, "location", loc.id, "create", None, {"code": code, "name": name})
        return loc.id


def default_location_id(session: Session, workspace_id: int) -> int:
    """The workspace's default location."""
    loc = session.scalar(
        select(Location.id)
        .where(Location.workspace_id == workspace_id, Location.active.is_(True))
        .order_by(Location.is_default.desc(), Location.id)
        .limit(1)
    )
    if loc is None:
        raise NotFoundError(msg("no stock location exists: add one in Inventory"))
    return int(loc)


def location_for(session: Session, workspace_id: int, settings: StoreSettings) -> int:
    """Where a store's stock comes from: its chosen location, else the workspace default."""
    if settings.location_id is not None:
        return settings.location_id
    return default_location_id(session, workspace_id)


def store_location_id(session: Session, store: Store) -> int:
    """:func:`location_for` a store row."""
    return location_for(session, store.workspace_id, StoreSettings.from_json(store.settings))
