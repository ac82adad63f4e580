"""Engine and session factories. SQLite pragmas live here, nowhere else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

DB_FILENAME = "storesync.db"
BUSY_TIMEOUT_MS = 10_000


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a database file."""
    return f"sqlite:///{path}"


def make_engine(url_or_path: str | Path, *, echo: bool = False) -> Engine:
    """Build an engine; for SQLite: WAL, foreign keys on, a busy timeout.

    The GUI thread and the sync engine thread each use their own sessions; WAL lets readers
    go on while one writer commits.
    """
    url = sqlite_url(Path(url_or_path)) if isinstance(url_or_path, Path) else url_or_path
    is_sqlite = url.startswith("sqlite")
    kwargs: dict[str, Any] = {"echo": echo}
    if is_sqlite:
        kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000}
    engine = create_engine(url, **kwargs)
    if is_sqlite:
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
    return engine


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
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """One factory per process; each unit of work opens its own short session."""
    return sessionmaker(engine, expire_on_commit=False)
