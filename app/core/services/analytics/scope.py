"""What a sales read covers: the workspace's stores (or some of them) and a period's days.

Every read of :mod:`.sales`, :mod:`.profit` and :mod:`.dashboard` starts here, so a store
of another workspace can never leak into a figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.db.models import Store
from app.core.services.analytics.calendar import Period, workspace_zone
from app.core.services.context import ServiceContext


def workspace_store_ids(
    s: Session, ctx: ServiceContext, store_ids: Iterable[int] | None
) -> list[int]:
    """The workspace's stores, or those of ``store_ids`` that belong to it."""
    stmt = select(Store.id).where(Store.workspace_id == ctx.workspace_id)
    if store_ids is not None:
        stmt = stmt.where(Store.id.in_(list(store_ids)))
    return list(s.scalars(stmt.order_by(Store.id)))


@dataclass(frozen=True)
class Scope:
    """The stores and the local days (inclusive) a read covers, in the workspace's zone."""

    tz: tzinfo
    stores: list[int]
    first: date
    last: date


def scope(s: Session, ctx: ServiceContext, period: Period, store_ids) -> Scope:
    """The scope of ``period`` over ``store_ids`` (None: every store of the workspace)."""
    tz = workspace_zone(s, ctx.workspace_id)
    first, last = period.local_days(tz)
    return Scope(tz, workspace_store_ids(s, ctx, store_ids), first, last)
