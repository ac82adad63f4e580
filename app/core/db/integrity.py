"""Is the database file sound? SQLite's own checks, run on a read-only connection.

``quick_check`` (start-up, :func:`check_database`) reads every page and catches a damaged or
cut-short file in a fraction of the time of ``integrity_check`` (``storesync doctor``,
restore), which also compares every index with its table ("row 5 missing from index").
Neither writes to the file: a corrupt database is reported and left as it is.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from app.core.db.clean_close import vouched_check
from app.core.db.engine import BUSY_TIMEOUT_MS
from app.core.db.problems import DatabaseCorrupt, typed_errors
from app.core.paths import AppPaths

log = logging.getLogger(__name__)

MAX_REPORTED = 20


def connect_read_only(path: Path, *, mode: str = "ro") -> sqlite3.Connection:
    """A ``sqlite3`` connection that cannot change the file (and never creates it).

    ``mode="rw"`` still never creates the file, and being a full connection it removes the
    WAL files on close when it is the last one (a read-only connection cannot).
    """
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def integrity_errors(path: Path, *, quick: bool = False) -> list[str]:
    """SQLite's complaints about ``path`` (empty when sound).

    A file SQLite cannot read at all ("file is not a database") raises
    :class:`DatabaseCorrupt`; a locked one raises ``DatabaseLocked``.
    """
    pragma = "quick_check" if quick else "integrity_check"
    with typed_errors(path):
        conn = connect_read_only(path)
        try:
            rows = conn.execute(f"PRAGMA {pragma}({MAX_REPORTED})").fetchall()
        finally:
            conn.close()
    found = [str(r[0]) for r in rows]
    return [] if found == ["ok"] else found


def check_database(paths: AppPaths, *, quick: bool = True) -> datetime | None:
    """Start-up's check: raise :class:`DatabaseCorrupt` (or another ``DatabaseProblem``)
    when the existing database is damaged. A missing database is fine (it will be made).

    Returns when the file was last found sound: now, or (``quick`` only) the time of the
    check that still vouches for a file untouched since a clean close (app.core.db.
    clean_close), in which case the check is skipped. None: nothing to check."""
    path = paths.database
    if not path.exists() or path.stat().st_size == 0:
        return None
    now = datetime.now(UTC)
    vouched = vouched_check(path, now) if quick else None
    if vouched is not None:
        # debug, not info: the command line prints info lines on stderr, and this is routine
        log.debug(
            "%s is as it was closed after its check at %s: quick_check skipped", path, vouched
        )
        return vouched
    errors = integrity_errors(path, quick=quick)
    if errors:
        raise DatabaseCorrupt(path, errors[0])
    return now
