"""Change counters: how a window on one PC learns that another PC (or process) wrote.

One ``change_counters`` row per area (orders, stock, products, listings, stores). A
hook bumps the areas a transaction wrote, in that transaction, just before it
commits, whoever the writer is (GUI, importer, engine, CLI, another PC): a write and its
bump are one. A window reads the few counters every couple of seconds
(:func:`read_revisions`, one tiny query) and refreshes only the pages showing an area whose
revision moved (docs/ARCHITECTURE.md, "Sync, platforms, data safety").

Which tables belong to an area is the table below. Areas are bumped in a fixed order, so
two PostgreSQL transactions bumping the same rows never deadlock on them.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass

from sqlalchemy import Connection, event, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.core.db.models import ChangeCounter
from app.core.db.types import utcnow
from app.core.services.context import ServiceContext

log = logging.getLogger(__name__)

#: table -> the area (a page's data kind, as ``DataChanged.kind`` names them)
AREAS: dict[str, str] = {
    "orders": "orders",
    "order_items": "orders",
    "order_packages": "orders",
    "order_status_changes": "orders",
    "order_returns": "orders",
    "order_return_lines": "orders",
    "inventory_items": "stock",
    "inventory_transactions": "stock",
    "locations": "stock",
    "products": "products",
    "variants": "products",
    "channel_listings": "listings",
    "stores": "stores",
}
CHANGED_KEY = "changes.areas"
CONN_KEY = "changes.connection"
BUMPED_KEY = "changes.bumped"


_WRITE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE
)


class ChangeHooks:
    """Collects the areas a transaction writes and bumps their counters before commit.

    The writes are seen at the connection (every INSERT, UPDATE and DELETE sent, the
    bulk inserts' ``executemany`` included), so no writer can forget to announce one.
    :meth:`own_counts` says how many bumps of each area were this process's own, so a
    window refreshes for another's writes only (its own reach it as engine events)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._own: dict[str, int] = {}

    def install(self, sessions: sessionmaker[Session]) -> None:
        """Attach to a session factory and its engine (once per process)."""
        engine = sessions.kw["bind"]
        event.listen(engine, "after_cursor_execute", self._after_execute)
        event.listen(engine, "rollback", self._forget)
        event.listen(engine, "commit", self._forget)
        event.listen(sessions, "after_begin", self._after_begin)
        event.listen(sessions, "before_commit", self._before_commit)
        event.listen(sessions, "after_commit", self._after_commit)

    @staticmethod
    def _after_begin(session: Session, _trans, conn: Connection) -> None:
        session.info[CONN_KEY] = conn  # a unit that never touched the database has none

    @staticmethod
    def _after_execute(conn: Connection, cursor, statement: str, *_args) -> None:
        found = _WRITE.match(statement)
        if found is None or getattr(cursor, "rowcount", -1) == 0:  # nothing changed
            return
        area = AREAS.get(found.group(1).lower())
        if area is not None:
            conn.info.setdefault(CHANGED_KEY, set()).add(area)

    @staticmethod
    def _forget(conn: Connection) -> None:
        conn.info.pop(CHANGED_KEY, None)

    def _before_commit(self, session: Session) -> None:
        if session.in_nested_transaction():  # a savepoint: the real commit comes later
            return
        session.flush()  # what autoflush has not sent yet is noted too
        conn = session.info.pop(CONN_KEY, None)
        areas = None if conn is None else conn.info.pop(CHANGED_KEY, None)
        if not areas:
            return
        now = utcnow()
        for area in sorted(areas):  # one order for every writer: no deadlock
            session.execute(
                update(ChangeCounter)
                .where(ChangeCounter.area == area)
                .values(revision=ChangeCounter.revision + 1, changed_at=now)
            )
        session.info[BUMPED_KEY] = areas

    def _after_commit(self, session: Session) -> None:
        areas = session.info.pop(BUMPED_KEY, None)
        if areas:
            with self._lock:  # counted once they are visible to every reader
                for area in areas:
                    self._own[area] = self._own.get(area, 0) + 1

    def own_counts(self) -> dict[str, int]:
        """How many bumps of each area this process's commits made."""
        with self._lock:
            return dict(self._own)


def install_change_hooks(sessions: sessionmaker[Session]) -> ChangeHooks:
    """Install :class:`ChangeHooks` on a session factory and return them."""
    hooks = ChangeHooks()
    hooks.install(sessions)
    return hooks


def read_revisions(ctx: ServiceContext) -> dict[str, int]:
    """Every area's revision: the one read a window makes each poll."""
    with ctx.read() as s:
        return {a: r for a, r in s.execute(select(ChangeCounter.area, ChangeCounter.revision))}


def note(session: Session, area: str) -> None:
    """Count a write of ``area`` that no table of :data:`AREAS` shows (a lease taken)."""
    session.connection().info.setdefault(CHANGED_KEY, set()).add(area)


@dataclass(frozen=True)
class Snapshot:
    """What one poll read: every area's revision and this process's own bumps so far."""

    revisions: dict[str, int]
    own: dict[str, int]


def snapshot(ctx: ServiceContext, hooks: ChangeHooks | None = None) -> Snapshot:
    """One poll (own bumps read first: a commit between the two reads is taken for
    another's, one needless refresh, never a missed one)."""
    own = hooks.own_counts() if hooks is not None else {}
    return Snapshot(read_revisions(ctx), own)


def changed_areas(before: Snapshot, now: Snapshot) -> set[str]:
    """The areas another writer (process, PC) changed between two polls."""
    moved = set()
    for area, rev in now.revisions.items():
        others = rev - before.revisions.get(area, rev)
        others -= now.own.get(area, 0) - before.own.get(area, 0)
        if others > 0:
            moved.add(area)
    return moved
