"""What every service call needs: a session factory, the workspace and who is acting."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session, sessionmaker

from app.core.db.engine import READ_ONLY_OPTION
from app.core.db.problems import DatabaseBusy, is_busy


@dataclass(frozen=True)
class ServiceContext:
    """Built once at the composition root; services open one unit of work per call."""

    sessions: sessionmaker[Session]
    workspace_id: int
    actor: str = "owner"
    # who is signed in and their role; the services check it (services/permissions.py,
    # docs/ARCHITECTURE.md "Accounts and permissions"). Without accounts the single owner
    # acts silently, so the default is the owner's role.
    role: str = "owner"
    user_id: int | None = None

    def as_actor(self, actor: str) -> ServiceContext:
        """The same context acting as someone else: the engine acts as ``sync``, with the
        engine's permissions (``permissions.ENGINE_ROLE``), never a signed-in user's; so
        does the demo's own setup (``demo``: the demo stores' details and costs)."""
        if actor in ("sync", "demo"):
            return replace(self, actor=actor, role="sync", user_id=None)
        return replace(self, actor=actor)

    def signed_in(self, user_id: int, username: str, role: str) -> ServiceContext:
        """The same context acting as a signed-in user (services/accounts.py)."""
        return replace(self, actor=username, role=role, user_id=user_id)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write unit of work: commits on success, rolls everything back on error.

        Another process writing for longer than the busy timeout (a long import) makes it
        raise :class:`~app.core.db.problems.DatabaseBusy`, with nothing written, rather
        than a raw "database is locked" (docs/ARCHITECTURE.md, data safety)."""
        try:
            with self.sessions.begin() as session:
                yield session
        except DatabaseBusy:
            raise
        except Exception as exc:
            if is_busy(exc):
                raise DatabaseBusy() from exc
            raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work: it waits for no writer and blocks none (SQLite WAL).

        Nothing written in it is kept: the session is closed without a commit.
        """
        with self.sessions() as session:
            session.connection(execution_options={READ_ONLY_OPTION: True})
            yield session
