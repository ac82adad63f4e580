"""Engine and session factories. SQLite pragmas live here, nowhere else.

The database file is created readable by the user only (0600 on POSIX; SQLite gives its
``-wal`` and ``-shm`` files the same mode): it holds buyers' names and addresses.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

DB_FILENAME = "storesync.db"
BUSY_TIMEOUT_MS = 10_000
# execution option of a read-only unit of work (ServiceContext.read): its transaction
# starts deferred, so it neither waits for nor blocks writers and other reads
READ_ONLY_OPTION = "storesync_read_only"
PRIVATE_FILE_MODE = 0o600


def sqlite_url(path: Path) -> URL:
    """The SQLAlchemy URL of a database file.

    Built as a URL object, never by formatting a string: a folder name with ``%``, spaces,
    quotes or non-ASCII letters must reach SQLite unchanged.
    """
    return URL.create("sqlite", database=str(path))


def make_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 if missing; take group/other access away from
    an existing file we own (a database made by an older StoreSync was 0644)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        with contextlib.suppress(OSError):
            mode = stat.S_IMODE(path.stat().st_mode)
            if mode & 0o077:
                os.chmod(path, mode & ~0o077)
        return
    os.close(fd)


def make_engine(url_or_path: str | URL | Path, *, echo: bool = False) -> Engine:
    """Build an engine; for SQLite: WAL, foreign keys on, a busy timeout. For PostgreSQL
    (a team database, :mod:`app.core.db.team`) its defaults: MVCC reads never wait.

    The GUI thread and the sync engine thread each use their own sessions; WAL lets readers
    go on while one writer commits. Given a path, the file is created private first (a
    read-only folder raises :class:`~app.core.db.problems.DatabaseReadOnly`).
    """
    if isinstance(url_or_path, Path):
        _create_private(url_or_path)
        url = sqlite_url(url_or_path)
    else:
        url = make_url(url_or_path)
    is_sqlite = url.get_backend_name() == "sqlite"
    kwargs: dict[str, Any] = {"echo": echo}
    if is_sqlite:
        kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000}
    elif url.get_backend_name() == "postgresql":
        # a server over the network (docs/ARCHITECTURE.md, "Team database"): a dead
        # connection is replaced before use, an unreachable server fails within seconds
        kwargs["pool_pre_ping"] = True
        kwargs["connect_args"] = {"connect_timeout": 10}
    engine = create_engine(url, **kwargs)
    if is_sqlite:
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _create_private(path: Path) -> None:
    from app.core.db.problems import as_problem

    try:
        make_private_file(path)
    except OSError as exc:
        problem = as_problem(exc, path)
        if problem is None:
            raise
        raise problem from exc


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy issue BEGIN itself (see _sqlite_on_begin) so transactions are real.
    # The sqlite3 ``autocommit`` attribute exists only on Python 3.12+.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")  # durable across app crashes in WAL mode
    cur.close()


def _sqlite_on_begin(conn: Any) -> None:
    # IMMEDIATE takes the write lock up front, so two writers wait on busy_timeout instead
    # of failing with "database is locked" when a read transaction upgrades to a write.
    # A read-only unit of work never upgrades: a plain (deferred) BEGIN reads a WAL
    # snapshot without the write lock, so the GUI thread's page reads never queue behind
    # a background search or an engine write (docs/ARCHITECTURE.md, data safety).
    if conn.get_execution_options().get(READ_ONLY_OPTION):
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """One factory per process; each unit of work opens its own short session."""
    return sessionmaker(engine, expire_on_commit=False)
