"""Cancellable reads: a token another thread sets, checked by SQLite while a query runs.

Search as you type starts a read per keystroke; a newer keystroke cancels the older read
instead of letting it run to the end (docs/ARCHITECTURE.md, "Catalog, stores, settings").
SQLite's progress handler runs every few thousand virtual-machine steps on the reading
thread and stops the statement when the token is set; the read then raises
:class:`Cancelled`. Other databases simply run the read to the end.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

# VM steps between two checks: about a tenth of a millisecond of work, so a cancelled
# read stops at once and a running one pays next to nothing for the checks
PROGRESS_STEPS = 2_000


class Cancelled(Exception):
    """The read was cancelled through its :class:`CancelToken` (nobody wants it any more)."""


class CancelToken:
    """Set from any thread with :meth:`cancel`; reads given the token stop soon after."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the read to stop."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """:meth:`cancel` was called."""
        return self._event.is_set()


@contextmanager
def cancellable(session: Session, token: CancelToken | None) -> Iterator[None]:
    """Run the block's queries on ``session`` so that ``token`` can stop them.

    Raises :class:`Cancelled` when the token is set before or while the block runs.
    """
    if token is None:
        yield
        return
    if token.cancelled:
        raise Cancelled()
    dbapi = session.connection().connection.driver_connection
    set_handler = getattr(dbapi, "set_progress_handler", None)
    if set_handler is None:  # not SQLite
        yield
        return
    set_handler(lambda: 1 if token.cancelled else 0, PROGRESS_STEPS)
    try:
        yield
    except Exception as exc:  # "interrupted" (SQLAlchemy's or the driver's error)
        if token.cancelled:
            raise Cancelled() from exc
        raise
    finally:
        set_handler(None, 0)  # the pooled connection serves other reads next
