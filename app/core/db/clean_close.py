"""May start-up skip ``quick_check``? Only for a file untouched since it was closed cleanly.

``quick_check`` reads every page: 2-3 s for a 1 GB database (1,000,000 variants and
order lines, tests/perf/bench_startup.py), most of the 1.5 s a start may take. When the
last process closes the database after a check, it writes a stamp beside it: the file's
identity, size, modification and change times, and when it was last checked. The next
start skips the check only when all of these still match, no write-ahead log waits to be
replayed, and the check is less than :data:`TRUST_FOR` old. Anything that wrote to the
file, replaced or copied it, or a crash with writes in the log, changes one of them and
the check runs (docs/ARCHITECTURE.md, integrity checks). The daily backup checks its
copy of every page as well.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

log = logging.getLogger(__name__)

TRUST_FOR = timedelta(hours=24)


def stamp_path(database: Path) -> Path:
    """Where the stamp of ``database`` is kept."""
    return database.with_name(database.name + ".clean-close.json")


def _fingerprint(database: Path) -> list[int]:
    st = database.stat()
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def record_clean_close(database: Path, checked_at: datetime) -> None:
    """After the last connection closed: the file as it is now was checked at
    ``checked_at``. Never raises (no stamp only means a check at the next start)."""
    try:
        if _log_waiting(database):
            return  # another process still writes: nothing to vouch for
        text = json.dumps({"file": _fingerprint(database), "checked_at": checked_at.isoformat()})
        tmp = stamp_path(database).with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, stamp_path(database))
    except OSError as exc:
        log.warning("could not record the clean close of %s: %s", database, exc)


def forget(database: Path) -> None:
    """The file is in use and will change: the stamp no longer vouches for it."""
    with contextlib.suppress(OSError):
        stamp_path(database).unlink(missing_ok=True)


def vouched_check(database: Path, now: datetime | None = None) -> datetime | None:
    """When the check that still vouches for ``database`` ran, or None (check it now)."""
    now = now or datetime.now(UTC)
    try:
        stamp = json.loads(stamp_path(database).read_text(encoding="utf-8"))
        checked_at = datetime.fromisoformat(stamp["checked_at"])
        if stamp["file"] != _fingerprint(database) or _log_waiting(database):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return checked_at if timedelta(0) <= now - checked_at < TRUST_FOR else None


def _log_waiting(database: Path) -> bool:
    wal = database.with_name(database.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0
