"""The engine's side of store leases: a store's jobs run only while this engine holds its
lease (the rule and the row: ``app/core/services/leases.py``; docs/ARCHITECTURE.md, "Sync,
platforms, data safety").

One :class:`LeaseKeeper` per engine renews every lease it holds and tries the free ones
every ``EngineOptions.lease_renew`` seconds, in one transaction. A store worker waits at
:meth:`LeaseKeeper.gate` until its lease is held; a request for a store another engine
holds tries to take it once and otherwise fails naming the holder. A lease found taken by
another engine (this one stalled past the TTL) stops the store's worker at once; a lease
newly taken starts one, so an engine also picks up stores connected elsewhere.

An engine takes (and keeps) a store's lease only when its keychain holds the store's
credentials: team PCs have separate keychains, and an engine without them would only fail
the store's jobs and mark it "needs re-authorization" for every PC. A store whose
credentials are here stays so (cached); one whose are not is looked at again each round,
so connecting it on this PC lets this engine sync it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from typing import TYPE_CHECKING

from app.core.domain import JobKind
from app.core.services import leases
from app.core.services.errors import DatabaseBusy
from app.core.services.leases import Holder, LeaseDTO, LeaseHeldElsewhere, LeaseStore
from app.core.sync.busy import DATABASE_BUSY, job_refused
from app.core.text import Message, msg

if TYPE_CHECKING:
    from app.core.sync.engine import StoreWorker, SyncEngine

log = logging.getLogger(__name__)

#: holders of the engines running in this process: a lease of our own site held by one
#: of them is alive (several engines of one process share the folder's engine.lock)
_LIVE_HERE: set[str] = set()


class CredentialsElsewhere(LeaseHeldElsewhere):
    """This PC's keychain lacks the store's credentials: another PC syncs it, or none."""


def credentials_elsewhere() -> Message:
    """Why a store is not synced by this PC, and what to do about it."""
    return msg(
        "not synced: its credentials are on another PC (connect it here to sync from this PC)"
    )


def not_synced_why(lease: LeaseDTO | None, credentials_here: bool) -> Message | None:
    """Why nobody syncs a store, when this PC can tell: no live lease and this PC's
    keychain lacks its credentials (``storesync status``, Sync activity); else None."""
    if (lease is not None and lease.live) or credentials_here:
        return None
    return credentials_elsewhere()


class LeaseKeeper:
    """Takes, renews and gives back one engine's store leases (on the engine loop)."""

    def __init__(self, engine: SyncEngine) -> None:
        self.engine = engine
        self.holder: Holder = leases.new_holder(engine.ws.paths.data_dir)
        self.held: set[int] = set()
        self._signals: dict[int, asyncio.Event] = {}
        # past this monotonic time without a successful renewal, every lease counts as
        # lost: another engine may take them from the TTL on
        self._valid_until = 0.0
        self._task: asyncio.Task[None] | None = None
        # the last round met a busy database: waiting workers say so once (a job refused,
        # as any job meeting it: sync/busy.py) instead of waiting silently
        self.blocked = False
        self._told: set[int] = set()
        # stores whose credentials this PC's keychain holds (they stay while we run), and
        # those it lacked at the last look (looked at again each round)
        self._credentialed: set[int] = set()
        self.missing: set[int] = set()
        # a renewal runs in a worker thread a stop cannot cancel: under this lock it
        # learns the keeper closed (skip, or give back what it just took), and the stop
        # learns what it took (stop())
        self._round_lock = threading.Lock()
        self._closed = False
        self._last_take: set[int] = set()

    @property
    def ttl(self) -> float:
        """Seconds a lease lasts unrenewed."""
        return self.engine.options.lease_ttl

    # ------------------------------------------------------------------ rounds
    def start(self) -> None:
        """The first round (before any worker runs), then renewals in the background."""
        self._closed = False
        _LIVE_HERE.add(self.holder.name)
        try:
            self.round()
        except DatabaseBusy:
            log.warning("engine start: %s", DATABASE_BUSY)
            self._blocked()
        self._task = asyncio.get_running_loop().create_task(self._renew_loop(), name="leases")

    async def _renew_loop(self) -> None:
        while True:
            await asyncio.sleep(self.engine.options.lease_renew)
            if self.engine.busy.shut():  # another process writes long (sync/busy.py)
                self._expire_if_stale()
                continue
            try:
                # in a thread: a renewal waiting on a busy database never holds up the
                # loop (jobs, stopping)
                self.apply(*await asyncio.to_thread(self.take, None))
            except DatabaseBusy:
                self._blocked()
                log.warning("store leases not renewed: %s", DATABASE_BUSY)
                self._expire_if_stale()
            except Exception:
                log.exception("renewing store leases failed")
                self._expire_if_stale()

    def round(self, only: list[int] | None = None) -> set[int]:
        """Take or renew leases (of ``only``, else every store this engine serves)."""
        return self.apply(*self.take(only))

    def take(self, only: list[int] | None) -> tuple[list[int] | None, float, set[int], set[int]]:
        """The database part of a round (any thread). After :meth:`stop` it takes
        nothing; a round that committed while the keeper stopped gives back what it
        took, so a stopped engine never holds a live lease (another PC would wait a TTL).
        """
        eng = self.engine
        if self._closed:
            return only, time.monotonic(), set(), set()
        wanted = [
            s.id
            for s in leases.lease_stores(eng.ctx, only)
            if eng.serves(s.id) and self._can_sync(s)
        ]
        started = time.monotonic()
        held, new = leases.take_or_renew(
            eng.ctx,
            wanted,
            self.holder,
            self.ttl,
            others_here=_LIVE_HERE - {self.holder.name},
        )
        with self._round_lock:
            closed = self._closed
            if not closed:
                self._last_take = held
        if closed:  # stop() ran meanwhile and gave back what it knew of
            leases.release(eng.ctx, sorted(held), self.holder)
            return only, started, set(), set()
        return only, started, held, new

    def _can_sync(self, store: LeaseStore) -> bool:
        """Whether this PC's keychain holds the store's credentials (a yes is kept)."""
        if store.id in self._credentialed:
            return True
        if self.engine.vault.has_credentials(store):
            self._credentialed.add(store.id)
            self.missing.discard(store.id)
            return True
        if store.id not in self.missing:
            log.info("store %s: its credentials are not in this PC's keychain", store.id)
        self.missing.add(store.id)
        return False

    def apply(
        self, only: list[int] | None, started: float, held: set[int], new: set[int]
    ) -> set[int]:
        """What a round found, applied on the engine loop: workers start or stop."""
        eng = self.engine
        self.blocked = False
        self._told.clear()
        if only is None:
            lost = self.held - held
            self.held = held
            self._valid_until = started + self.ttl - eng.options.lease_renew / 2
            if lost:
                log.warning("store(s) %s: another engine took over", sorted(lost))
                with contextlib.suppress(DatabaseBusy):
                    leases.record_lost(eng.ctx, lost, self.holder)
                for sid in lost:
                    self._stop_worker(sid)
        else:
            self.held |= held
        for sid in new:
            log.debug("store %s: lease taken by %s", sid, self.holder.name)
            eng.lease_taken(sid)
            self._signal(sid).set()
        return held

    def _blocked(self) -> None:
        self.engine.busy.hit()
        self.blocked = True
        for signal in self._signals.values():
            signal.set()  # waiting workers tell the seller

    def _expire_if_stale(self) -> None:
        if self.held and time.monotonic() > self._valid_until:
            log.warning("store leases could not be renewed in time: their jobs stop")
            lost, self.held = self.held, set()
            for sid in lost:
                self._stop_worker(sid)

    def _stop_worker(self, sid: int) -> None:
        worker = self.engine.worker(sid)
        if worker is not None:
            worker.lease_lost = True
            worker.task.cancel()

    def stop(self) -> None:
        """Give every lease back (clean stop): another engine may take them at once."""
        if self._task is not None:
            self._task.cancel()  # a renewal already in its thread runs on: see take()
        _LIVE_HERE.discard(self.holder.name)
        with self._round_lock:
            self._closed = True
            held = sorted(self.held | self._last_take)  # a round not yet applied too
            self.held, self._last_take = set(), set()
        try:
            leases.release(self.engine.ctx, held, self.holder)
        except Exception as exc:  # they expire on their own within the TTL
            log.warning("store leases not given back (%s); they expire in %.0f s", exc, self.ttl)

    # ------------------------------------------------------------------ workers
    def holds(self, store_id: int) -> bool:
        """Whether this engine holds the store's lease (as of its last round)."""
        return store_id in self.held

    def confirm(self, store_id: int) -> bool:
        """Renew one lease right now, if still ours: asked before a refresh token is
        spent, so only the holder refreshes (and nobody else can for a TTL)."""
        try:
            ok = leases.still_held(self.engine.ctx, store_id, self.holder, self.ttl)
        except DatabaseBusy:
            return False
        if not ok:
            self.held.discard(store_id)
        return ok

    def _signal(self, store_id: int) -> asyncio.Event:
        return self._signals.setdefault(store_id, asyncio.Event())

    async def gate(self, worker: StoreWorker) -> None:
        """Return once the worker's store lease is held. While it is not, a seller's
        request tries to take it once and otherwise fails naming the holder."""
        sid = worker.store_id
        while not self.holds(sid):
            if worker.has_requests():
                if self.engine.busy.shut():
                    worker.fail_requests(DatabaseBusy())
                    continue
                try:
                    self.round(only=[sid])
                except DatabaseBusy:
                    self.engine.busy.hit()
                    worker.fail_requests(DatabaseBusy())
                    continue
                if self.holds(sid):
                    return
                if sid in self.missing:
                    worker.fail_requests(CredentialsElsewhere(credentials_elsewhere()))
                else:
                    worker.fail_requests(LeaseHeldElsewhere(self.describe_holder(sid)))
            if self.blocked and sid not in self._told and self.engine.options.schedule:
                self._told.add(sid)
                job_refused(self.engine.busy, self.engine.emit, sid, JobKind.ORDERS, None)
            signal = self._signal(sid)
            signal.clear()
            worker.wake.clear()
            waits = [asyncio.ensure_future(e.wait()) for e in (signal, worker.wake)]
            try:
                await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for w in waits:
                    w.cancel()

    def describe_holder(self, store_id: int) -> str:
        """One line: which engine syncs the store instead of this one."""
        lease = leases.list_leases(self.engine.ctx).get(store_id)
        holder = lease.holder if lease is not None else "?"
        return str(
            msg(
                "another StoreSync ({holder}) syncs this store; do this there, or wait "
                "until it stops (it is taken over within {seconds} s)",
                holder=holder,
                seconds=int(self.ttl + self.engine.options.lease_renew),
            )
        )
