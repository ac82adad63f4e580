"""Store leases: exactly one engine syncs a store, whichever PC or process it runs in.

A lease is a row (``store_leases``) naming its holder (PC name, pid, engine instance) and
when it expires. It is taken and renewed only by one conditional UPDATE — "set the holder
to me where the holder is me, or the lease expired, or the holder is a gone engine of my
own data folder" — so two engines can never both hold it: the database decides who wins,
on SQLite (one writer at a time) and PostgreSQL (the row lock) alike. The engine renews
its leases every ``RENEW_EVERY`` seconds; an engine that dies stops renewing, and another
one takes the store once ``LEASE_TTL`` passed, within ``LEASE_TTL + RENEW_EVERY`` at worst
(docs/ARCHITECTURE.md, "Sync, platforms, data safety").

The *site* is the PC and data folder of the holder. One data folder runs one engine at a
time (its ``engine.lock``, ``app/core/engine_lock.py``), so an engine holding that lock
knows a lease of its own site belongs to a stopped or crashed engine and takes it at once:
a restarted ``storesync sync`` does not wait out its own dead lease.

Times: on PostgreSQL the server's clock decides (PCs' clocks may differ); SQLite is one
file on one PC, whose clock all its engines share.
"""

from __future__ import annotations

import hashlib
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core.db.models import Store, StoreLease, StoreLeaseEvent, SyncJob
from app.core.db.types import utcnow
from app.core.domain import Environment, JobStatus, Platform, StoreStatus
from app.core.services import changes
from app.core.services.context import ServiceContext

#: how long a lease lasts without renewal
LEASE_TTL = 30.0
#: how often an engine renews its leases (and tries to take free ones)
RENEW_EVERY = 10.0
#: the longest a store waits for another engine after its holder died
TAKE_OVER_WITHIN = LEASE_TTL + RENEW_EVERY

TAKEN, RELEASED, LOST = "taken", "released", "lost"


@dataclass(frozen=True)
class Holder:
    """Who an engine is, as its lease rows say."""

    name: str  # "PC-NAME pid 4242 #1a2b3c4d"
    site: str  # the PC and data folder, hashed (a folder path is nobody's business)

    @property
    def pc(self) -> str:
        """The PC name alone."""
        return self.name.split(" pid ", 1)[0]


def new_holder(data_dir: Path | str) -> Holder:
    """This engine's identity: PC name, pid and a fresh instance id; its site."""
    pc = socket.gethostname() or "?"
    site_of = f"{pc}\n{Path(data_dir).resolve()}"
    site = hashlib.sha256(site_of.encode()).hexdigest()[:32]
    return Holder(f"{pc} pid {os.getpid()} #{uuid.uuid4().hex[:8]}", site)


@dataclass(frozen=True)
class LeaseDTO:
    """A store's lease as Sync activity and ``storesync status`` show it."""

    store_id: int
    holder: str
    acquired_at: datetime
    expires_at: datetime
    live: bool  # not expired (as the database's clock sees it)


class LeaseHeldElsewhere(RuntimeError):
    """Another engine holds the store's lease: its jobs and actions run there."""


def db_now(session: Session) -> datetime:
    """The time leases are judged by: PostgreSQL's clock, else this PC's (SQLite)."""
    if session.get_bind().dialect.name == "sqlite":
        return utcnow()
    value = session.scalar(select(func.now()))
    assert isinstance(value, datetime)
    return value if value.tzinfo else value.replace(tzinfo=utcnow().tzinfo)


def take_or_renew(
    ctx: ServiceContext,
    store_ids: list[int],
    holder: Holder,
    ttl: float = LEASE_TTL,
    *,
    others_here: set[str] | frozenset[str] = frozenset(),
) -> tuple[set[int], set[int]]:
    """Take or renew the leases of ``store_ids`` in one transaction.

    Returns (held now, newly taken). A store newly taken from a dead holder has its jobs
    that holder left running marked interrupted, and its "syncing" cleared, in the same
    transaction. The caller holds its data folder's engine lock, so a lease of the same
    site is a gone engine's, unless it is one of ``others_here`` (the other engines
    running in this process).
    """
    held: set[int] = set()
    new: set[int] = set()
    with ctx.write() as s:
        now = db_now(s)
        until = now + timedelta(seconds=ttl)
        existing = {
            row.store_id: row
            for row in s.execute(
                select(StoreLease.store_id, StoreLease.holder).where(
                    StoreLease.store_id.in_(store_ids)
                )
            )
        }
        for sid in store_ids:
            if sid not in existing:
                if _insert(s, sid, holder, now, until):
                    held.add(sid)
                    new.add(sid)
                continue
            free = or_(StoreLease.holder == holder.name, StoreLease.expires_at <= now)
            gone_here = StoreLease.site == holder.site
            if others_here:
                gone_here = gone_here & StoreLease.holder.not_in(sorted(others_here))
            free = or_(free, gone_here)
            mine = existing[sid].holder == holder.name
            values: dict = {"holder": holder.name, "site": holder.site, "expires_at": until}
            if not mine:
                values["acquired_at"] = now
            done = s.execute(
                update(StoreLease).where(StoreLease.store_id == sid, free).values(**values)
            )
            if done.rowcount:  # type: ignore[attr-defined]
                held.add(sid)
                if not mine:
                    new.add(sid)
        for sid in new:
            _tidy_taken(s, sid, holder, now)
        if new:
            changes.note(s, "leases")  # every PC's Sync activity shows the new holder
    return held, new


def _insert(s: Session, sid: int, holder: Holder, now: datetime, until: datetime) -> bool:
    """The store's first lease; False when another engine inserted it first."""
    try:
        with s.begin_nested():
            s.execute(
                insert(StoreLease).values(
                    store_id=sid,
                    holder=holder.name,
                    site=holder.site,
                    acquired_at=now,
                    expires_at=until,
                )
            )
    except IntegrityError:
        return False
    return True


def _tidy_taken(s: Session, sid: int, holder: Holder, now: datetime) -> None:
    """A store just taken over: what its last holder left running is over."""
    s.execute(
        update(SyncJob)
        .where(
            SyncJob.store_id == sid,
            SyncJob.status.in_([JobStatus.RUNNING, JobStatus.QUEUED]),
        )
        .values(
            status=JobStatus.INTERRUPTED,
            finished_at=now,
            error="interrupted: the engine syncing this store stopped",
        )
    )
    s.execute(
        update(Store)
        .where(Store.id == sid, Store.sync_status == StoreStatus.SYNCING)
        .values(sync_status=StoreStatus.IDLE)
    )
    s.execute(insert(StoreLeaseEvent).values(store_id=sid, holder=holder.name, event=TAKEN, at=now))


@dataclass(frozen=True)
class LeaseStore:
    """A store an engine may take the lease of, with what names its secrets (the engine
    takes a lease only when its keychain holds them: app/core/sync/leases.py)."""

    id: int
    platform: Platform
    external_shop_id: str
    environment: Environment

    @property
    def secret_key(self) -> str:
        """The keychain key of the store's secrets (as ``StoreDTO.secret_key``)."""
        return f"{self.platform.value}:{self.external_shop_id}"

    @property
    def is_sandbox(self) -> bool:
        """Throwaway credentials on our own emulator (as ``StoreDTO.is_sandbox``)."""
        return self.environment == Environment.LOCAL_SANDBOX


def lease_stores(ctx: ServiceContext, only: list[int] | None = None) -> list[LeaseStore]:
    """The workspace's stores (those of ``only``, if given) an engine may take leases of."""
    query = select(Store.id, Store.platform, Store.external_shop_id, Store.environment).where(
        Store.workspace_id == ctx.workspace_id
    )
    if only is not None:
        query = query.where(Store.id.in_(only))
    with ctx.read() as s:
        return [
            LeaseStore(sid, Platform(platform), shop, Environment(env))
            for sid, platform, shop, env in s.execute(query.order_by(Store.id))
        ]


def still_held(ctx: ServiceContext, store_id: int, holder: Holder, ttl: float = LEASE_TTL) -> bool:
    """Renew one store's lease if this engine still holds it (before spending a refresh
    token: only the holder refreshes, and for at least ``ttl`` from now nobody else can)."""
    with ctx.write() as s:
        now = db_now(s)
        done = s.execute(
            update(StoreLease)
            .where(
                StoreLease.store_id == store_id,
                StoreLease.holder == holder.name,
                StoreLease.expires_at > now,
            )
            .values(expires_at=now + timedelta(seconds=ttl))
        )
        return bool(done.rowcount)  # type: ignore[attr-defined]


def release(
    ctx: ServiceContext, store_ids: list[int], holder: Holder, event: str = RELEASED
) -> None:
    """Give leases back (clean stop): another engine may take them at once. Only live
    ones: a lease given back already (a stop racing its last renewal) records nothing."""
    if not store_ids:
        return
    with ctx.write() as s:
        now = db_now(s)
        gone = s.execute(
            update(StoreLease)
            .where(
                StoreLease.store_id.in_(store_ids),
                StoreLease.holder == holder.name,
                StoreLease.expires_at > now,
            )
            .values(expires_at=now)
            .returning(StoreLease.store_id)
        ).scalars()
        for sid in list(gone):
            s.execute(
                insert(StoreLeaseEvent).values(
                    store_id=sid, holder=holder.name, event=event, at=now
                )
            )
            changes.note(s, "leases")


def record_lost(ctx: ServiceContext, store_ids: set[int], holder: Holder) -> None:
    """Note leases this engine found taken by another (it had stalled past the TTL)."""
    if not store_ids:
        return
    with ctx.write() as s:
        now = db_now(s)
        for sid in store_ids:
            s.add(StoreLeaseEvent(store_id=sid, holder=holder.name, event=LOST, at=now))


def list_leases(ctx: ServiceContext) -> dict[int, LeaseDTO]:
    """Every store's lease, by store id (stores never synced have none)."""
    with ctx.read() as s:
        now = db_now(s)
        rows = s.execute(
            select(StoreLease)
            .join(Store, Store.id == StoreLease.store_id)
            .where(Store.workspace_id == ctx.workspace_id)
        ).scalars()
        return {
            r.store_id: LeaseDTO(
                r.store_id, r.holder, r.acquired_at, r.expires_at, r.expires_at > now
            )
            for r in rows
        }


def lease_history(ctx: ServiceContext, store_id: int) -> list[tuple[str, str, datetime]]:
    """(holder, event, at) for a store, oldest first."""
    with ctx.read() as s:
        rows = s.execute(
            select(StoreLeaseEvent.holder, StoreLeaseEvent.event, StoreLeaseEvent.at)
            .where(StoreLeaseEvent.store_id == store_id)
            .order_by(StoreLeaseEvent.id)
        )
        return [(h, e, a) for h, e, a in rows]


def prune_history(ctx: ServiceContext, keep_days: int = 30) -> None:
    """Forget lease events older than ``keep_days``."""
    with ctx.write() as s:
        cutoff = db_now(s) - timedelta(days=keep_days)
        s.execute(delete(StoreLeaseEvent).where(StoreLeaseEvent.at < cutoff))
