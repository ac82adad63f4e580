"""What can be wrong with the database file, as one family of typed exceptions.

Every way the SQLite file can refuse us (locked by another program, damaged or cut short,
written by a newer StoreSync, in a folder we may not write, on a full disk) becomes a
:class:`DatabaseProblem` subclass with a one-line message that says what to do. The db layer
raises them; the command line and the app turn them into that one line (exit code 2), never
a traceback. Nothing here changes the file: every problem leaves the data as it was.

:func:`as_problem` recognises the raw errors (SQLAlchemy, ``sqlite3``, ``OSError``) that
escape from code outside the db layer, so the single handler at the top can word them too.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.core.text import Message, msg

# SQLite primary result codes (https://sqlite.org/rescode.html)
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

EXIT_CODE = 2
"""The exit status of a command stopped by a database problem."""


class DatabaseProblem(Exception):
    """The database cannot be used as it is; the message says what to do."""

    def __init__(self, message: Message | str, path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def line(self) -> str:
        """The one line a person reads (no newlines, no traceback)."""
        return " ".join(str(self.message).split())


class DatabaseLocked(DatabaseProblem):
    """Another program holds the database (another StoreSync, a sync engine, a DB tool)."""

    def __init__(self, path: Path | None, *, engine_running: bool = False) -> None:
        self.holders = holders_of(path) if path is not None else []
        holder = ", ".join(self.holders) or "unknown"
        if engine_running:
            text = msg(
                "The database {path} is in use by a running StoreSync sync engine (process "
                "{holder}). Close the other StoreSync window or stop `storesync sync`, then "
                "try again.",
                path=path,
                holder=holder,
            )
        else:
            text = msg(
                "The database {path} is locked by another program (process {holder}: "
                "another StoreSync window or a database tool). Close it, then try again.",
                path=path,
                holder=holder,
            )
        super().__init__(text, path)


class DatabaseBusy(DatabaseProblem):
    """A write waited the whole busy timeout (``app.core.db.engine.BUSY_TIMEOUT_MS``) for
    another writer to finish, a long import for instance, and gave up. Its unit of work
    was rolled back: nothing of it was written. Raised by ``ServiceContext.write``; the
    sync engine fails the job with one line and runs it again later."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(
            msg(
                "The database is busy with another task (an import?); nothing was changed. "
                "Try again when it is done."
            ),
            path,
        )


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite giving up on a lock another connection holds (busy or
    locked), however SQLAlchemy wrapped it."""
    if isinstance(exc, DatabaseBusy):
        return True
    err = _sqlite_error(exc)
    if err is None:
        return False
    code = getattr(err, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)
    return "database is locked" in str(err) or "database table is locked" in str(err)


def holders_of(path: Path) -> list[str]:
    """``"1234 python3"`` for each other process with ``path`` open (Linux; elsewhere, and
    for processes of other users, none are found)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    try:
        target = path.resolve()
    except OSError:
        return []
    found = []
    for pid_dir in proc.iterdir():
        if not pid_dir.name.isdigit() or int(pid_dir.name) == os.getpid():
            continue
        try:
            if any(Path(os.readlink(fd)) == target for fd in (pid_dir / "fd").iterdir()):
                name = (pid_dir / "comm").read_text().strip()
                found.append(f"{pid_dir.name} {name}")
        except OSError:
            continue
    return found


class DatabaseCorrupt(DatabaseProblem):
    """The file is damaged, cut short, or not a database at all."""

    def __init__(self, path: Path | None, detail: str = "") -> None:
        detail = detail or "not a readable SQLite file"
        self.newest_backup = _newest_backup(path)
        if self.newest_backup is not None:
            text = msg(
                "The database {path} is damaged ({detail}). It was left as it is; the newest "
                "backup is {backup}: restore it with `storesync restore {backup}`.",
                path=path,
                detail=detail,
                backup=self.newest_backup,
            )
        else:
            text = msg(
                "The database {path} is damaged ({detail}). It was left as it is; there is "
                "no backup beside it: restore one you keep elsewhere with "
                "`storesync restore FILE`.",
                path=path,
                detail=detail,
            )
        super().__init__(text, path)
        self.detail = detail


class NewerSchema(DatabaseProblem):
    """The schema was written by a newer StoreSync than this one."""

    def __init__(self, path: Path | None, revision: str, written_by: str | None) -> None:
        from app import __version__
        from app.core.db.migrate import encode_version

        if written_by and encode_version(written_by) <= encode_version(__version__):
            written_by = None  # not newer than us: the record does not name the writer
        if written_by:
            text = msg(
                "The database {path} was written by StoreSync {version} (schema {revision}); "
                "install StoreSync {version} or newer to open it.",
                path=path,
                version=written_by,
                revision=revision,
            )
        else:
            text = msg(
                "The database {path} was written by a newer StoreSync (schema {revision}); "
                "install the newest StoreSync to open it.",
                path=path,
                revision=revision,
            )
        super().__init__(text, path)
        self.revision = revision
        self.written_by = written_by


class DatabaseReadOnly(DatabaseProblem):
    """The database or its folder cannot be written."""

    def __init__(self, path: Path | None) -> None:
        super().__init__(
            msg(
                "StoreSync cannot write to {path}. Make the folder and the database writable "
                "for your user, or choose another data folder with --data-dir.",
                path=path,
            ),
            path,
        )


class DiskFull(DatabaseProblem):
    """No room left on the disk that holds the data folder."""

    def __init__(self, path: Path | None) -> None:
        super().__init__(
            msg(
                "The disk holding {path} is full. Free some space, then try again; nothing "
                "was changed.",
                path=path,
            ),
            path,
        )


class DatabaseUnopenable(DatabaseProblem):
    """SQLite could not open the file for a reason none of the others name."""

    def __init__(self, path: Path | None, detail: str) -> None:
        super().__init__(
            msg(
                "StoreSync cannot open the database {path} ({detail}). Check that the data "
                "folder exists and is yours, then try again.",
                path=path,
                detail=detail,
            ),
            path,
        )


def _newest_backup(database: Path | None) -> Path | None:
    if database is None:
        return None
    from app.core.db.backup import backups_dir_for, list_backups

    try:
        return next(iter(list_backups(backups_dir_for(database))), None)
    except OSError:
        return None


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    """The ``sqlite3`` error inside ``exc`` (SQLAlchemy wraps it as ``.orig``)."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, sqlite3.Error):
            return cur
        orig = getattr(cur, "orig", None)
        cur = orig if isinstance(orig, BaseException) else (cur.__cause__ or cur.__context__)
    return None


def folder_writable(folder: Path) -> bool:
    """Can a file be created in ``folder``? (A probe: ``os.access`` ignores read-only
    mounts on some systems and is always true for root.)"""
    try:
        fd, name = tempfile.mkstemp(prefix=".storesync-probe-", dir=folder)
    except OSError:
        return False
    os.close(fd)
    os.unlink(name)
    return True


def _from_sqlite(err: sqlite3.Error, path: Path | None) -> DatabaseProblem | None:
    code = getattr(err, "sqlite_errorcode", None)
    text = str(err)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in (SQLITE_BUSY, SQLITE_LOCKED) or "database is locked" in text:
        from app.core.engine_lock import held_by_other

        running = path is not None and held_by_other(path.parent)
        return DatabaseLocked(path, engine_running=running)
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB) or "malformed" in text:
        return DatabaseCorrupt(path, text)
    if primary == SQLITE_READONLY or "readonly database" in text:
        return DatabaseReadOnly(path)
    if primary == SQLITE_FULL or "database or disk is full" in text:
        return DiskFull(path)
    if primary in (SQLITE_CANTOPEN, SQLITE_IOERR) or "unable to open" in text:
        if path is not None and path.parent.is_dir() and not folder_writable(path.parent):
            return DatabaseReadOnly(path)
        return DatabaseUnopenable(path, text)
    return None


_READ_ONLY_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS}


def as_problem(exc: BaseException, path: Path | None = None) -> DatabaseProblem | None:
    """The :class:`DatabaseProblem` that ``exc`` means, or None when it is something else."""
    if isinstance(exc, DatabaseProblem):
        return exc
    err = _sqlite_error(exc)
    if err is not None:
        return _from_sqlite(err, path)
    from app.core.db.team import server_problem  # a team database (PostgreSQL) problem

    server = server_problem(exc)
    if server is not None:
        return server
    if isinstance(exc, OSError):
        where = Path(exc.filename) if exc.filename else path
        if exc.errno == errno.ENOSPC:
            return DiskFull(where)
        if exc.errno in _READ_ONLY_ERRNOS:
            return DatabaseReadOnly(where)
    return None


@contextmanager
def typed_errors(path: Path | None) -> Iterator[None]:
    """Turn a raw SQLite/OS error from the block into its :class:`DatabaseProblem`
    (other errors pass through unchanged)."""
    try:
        yield
    except DatabaseProblem:
        raise
    except Exception as exc:
        problem = as_problem(exc, path)
        if problem is None:
            raise
        raise problem from exc
