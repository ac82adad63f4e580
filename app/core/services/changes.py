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


_WRITE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE
)


class ChangeHooks:
    """Collects the areas a transaction writes and bumps their counters before commit.

    The writes are seen at the connection (every INSERT, UPDATE and DELETE sent, the
    bulk inserts' ``executemany`` included), so no writer can forget to announce one.
    ``mine`` remembers the revisions this process's own commits produced, so a window
    refreshes for another's writes only (its own writes reach it as engine events)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.mine: dict[str, int] = {}

    def install(self, sessions: sessionmaker[Session]) -> None:
        """Attach to a session factory and its engine (once per process)."""
        engine = sessions.kw["bind"]
        event.listen(engine, "after_cursor_execute", self._after_execute)
        event.listen(engine, "rollback", self._forget)
        event.listen(engine, "commit", self._forget)
        event.listen(sessions, "after_begin", self._after_begin)
        event.listen(sessions, "before_commit", self._before_commit)

    @staticmethod
    def _after_begin(session: Session, _trans, conn: Connection) -> None:
        session.info[CONN_KEY] = conn  # a unit that never touched the database has none

    @staticmethod
    def _after_execute(conn: Connection, _cur, statement: str, *_args) -> None:
        found = _WRITE.match(statement)
        if found is None:
            return
        area = AREAS.get(found.group(1).lower())
        if area is not None:
            conn.info.setdefault(CHANGED_KEY, set()).add(area)

    @staticmethod
    def _forget(conn: Connection) -> None:
        conn.info.pop(CHANGED_KEY, None)

    def _before_commit(self, session: Session) -> None:
        session.flush()  # what autoflush has not sent yet is noted too
        conn = session.info.pop(CONN_KEY, None)
        areas = None if conn is None else conn.info.pop(CHANGED_KEY, None)
        if not areas:
            return
        now = utcnow()
        bumped: dict[str, int] = {}
        for area in sorted(areas):  # one order for every writer: no deadlock
            rev = session.execute(
                update(ChangeCounter)
                .where(ChangeCounter.area == area)
                .values(revision=ChangeCounter.revision + 1, changed_at=now)
                .returning(ChangeCounter.revision)
            ).scalar()
            if rev is not None:
                bumped[area] = rev
        with self._lock:
            for area, rev in bumped.items():
                self.mine[area] = max(self.mine.get(area, 0), rev)

    def own(self, area: str) -> int:
        """The latest revision of ``area`` this process's commits produced."""
        with self._lock:
            return self.mine.get(area, 0)


def install_change_hooks(sessions: sessionmaker[Session]) -> ChangeHooks:
    """Install :class:`ChangeHooks` on a session factory and return them."""
    hooks = ChangeHooks()
    hooks.install(sessions)
    return hooks


def read_revisions(ctx: ServiceContext) -> dict[str, int]:
    """Every area's revision: the one read a window makes each poll."""
    with ctx.read() as s:
        return {a: r for a, r in s.execute(select(ChangeCounter.area, ChangeCounter.revision))}


def changed_areas(
    before: dict[str, int], now: dict[str, int], hooks: ChangeHooks | None = None
) -> set[str]:
    """The areas whose revision moved since ``before`` because of another writer.

    With ``hooks``, a move to exactly the revision this process's own last commit made is
    left out (the window already heard of it)."""
    moved = set()
    for area, rev in now.items():
        if rev == before.get(area, rev):
            continue
        if hooks is not None and rev == hooks.own(area) and rev - before.get(area, 0) == 1:
            continue
        moved.add(area)
    return moved
