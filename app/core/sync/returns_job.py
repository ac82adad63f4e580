"""Returns are read as a step of the order job, every few minutes per store, and on
demand (docs/ARCHITECTURE.md, "Fulfilment"). Where to start and what to store is
services/returns.py; this only asks the platform. Engine module: no database imports.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from app.core.platforms.base import AuthError, PlatformError
from app.core.services.returns import ReturnsStored, returns_start, store_returns
from app.core.sync.context import JobContext
from app.core.sync.events import DataChanged
from app.core.text import msg


async def fetch_returns(jc: JobContext, *, force: bool = False) -> ReturnsStored | None:
    """Read and store the returns updated since the store's returns cursor; None when it
    was read less than a few minutes ago (``force``: read now). A platform failure is a
    warning in the order job's log, not a failed order job: the next run tries again."""
    list_returns = getattr(jc.adapter, "list_returns", None)
    if list_returns is None:  # a marketplace without returns (or a test's stand-in)
        return None
    now = (datetime.now(UTC) + timedelta(seconds=1)).replace(microsecond=0)
    start = await asyncio.to_thread(returns_start, jc.ctx, jc.store.id, now, force)
    if start is None:
        return None
    try:
        found = await list_returns(start.replace(microsecond=0), now)
    except AuthError:
        raise
    except PlatformError as exc:
        if force:
            raise
        jc.run.log(msg("returns not read this time: {error}", error=str(exc)), "warning")
        return None
    stats = await asyncio.to_thread(store_returns, jc.ctx, jc.store.id, found, now)
    if stats.created or stats.updated:
        jc.run.log(
            msg(
                "{new} new and {updated} updated return(s)",
                new=stats.created,
                updated=stats.updated,
            )
        )
        jc.emit(DataChanged("orders"))
    return stats


async def returns_job(jc: JobContext) -> ReturnsStored | None:
    """On demand, for ``SyncEngine.run_action(store_id, JobKind.ORDERS, returns_job)``."""
    return await fetch_returns(jc, force=True)
