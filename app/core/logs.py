"""Logging set-up: one format, rotating files in the log folder, secrets redacted on every
handler.

Every handler installed here gets the :class:`RedactingFilter` (the message) and a
:class:`RedactingFormatter` (the finished line, traceback included: an exception's text
may carry a signed URL), so no secret reaches stderr or a file, whichever logger wrote it.
The file is ``storesync.log`` in the platform's log folder (``--data-dir``: its ``logs``
folder), rotated at :data:`MAX_BYTES` with :data:`BACKUP_COUNT` old files kept.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from collections import deque
from pathlib import Path

from app.core.paths import PRIVATE_DIR_MODE
from app.core.platforms.http import RedactingFilter, redact

LOG_FILENAME = "storesync.log"
MAX_BYTES = 2_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_OURS = "_storesync_handler"  # marks the handlers set up here, so a second call replaces them
_RECORD_START = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} (?P<level>[A-Z]+) ")


class RedactingFormatter(logging.Formatter):
    """The standard format, with secret values masked in the whole line (traceback too)."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def _install(root: logging.Logger, handler: logging.Handler) -> None:
    handler.setFormatter(RedactingFormatter(FORMAT))
    handler.addFilter(RedactingFilter())
    setattr(handler, _OURS, True)
    root.addHandler(handler)


def file_handler(log_dir: Path) -> logging.Handler | None:
    """A rotating handler on ``log_dir/storesync.log`` (None when the folder cannot be
    written: logging to stderr still works, and the app must still start)."""
    try:
        log_dir.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
        return logging.handlers.RotatingFileHandler(
            log_dir / LOG_FILENAME, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError:
        return None


def setup_logging(*, verbose: bool = False, log_dir: Path | None = None) -> None:
    """Log to stderr and, when given, to rotating files in ``log_dir``.

    Calling it again replaces the handlers of the previous call (tests and the self-test
    call it more than once in a process).
    """
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for h in [h for h in root.handlers if getattr(h, _OURS, False)]:
        root.removeHandler(h)
        h.close()
    _install(root, logging.StreamHandler())
    if log_dir is not None:
        handler = file_handler(log_dir)
        if handler is not None:
            _install(root, handler)
    # httpx logs every request URL at INFO; URLs carry signatures and tokens
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)


def ensure_file_logging(log_dir: Path) -> bool:
    """Add the rotating file in ``log_dir`` unless one of ours already writes there (the
    app started without :func:`setup_logging`, e.g. from a test or a frozen entry point)."""
    root = logging.getLogger()
    target = (log_dir / LOG_FILENAME).resolve()
    for h in root.handlers:
        ours = getattr(h, _OURS, False) and isinstance(h, logging.FileHandler)
        if ours and Path(h.baseFilename).resolve() == target:
            return True
    handler = file_handler(log_dir)
    if handler is None:
        return False
    _install(root, handler)
    return True


def log_files(log_dir: Path) -> list[Path]:
    """The log file and its rotated predecessors, oldest first."""
    current = log_dir / LOG_FILENAME
    older = [log_dir / f"{LOG_FILENAME}.{n}" for n in range(BACKUP_COUNT, 0, -1)]
    return [p for p in (*older, current) if p.is_file()]


def recent_errors(log_dir: Path, *, limit: int = 10, max_lines: int = 80) -> list[str]:
    """The last ``limit`` ERROR/CRITICAL entries of the log files (each with its traceback
    lines), at most ``max_lines`` lines in all, oldest first, redacted again."""
    entries: deque[list[str]] = deque(maxlen=limit)
    current: list[str] | None = None
    for path in log_files(log_dir):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for line in text.splitlines():
            m = _RECORD_START.match(line)
            if m:
                current = [line] if m.group("level") in ("ERROR", "CRITICAL") else None
                if current is not None:
                    entries.append(current)
            elif current is not None:
                current.append(line)
    lines = [redact(line) for entry in entries for line in entry]
    return lines[-max_lines:]
