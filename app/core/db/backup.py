"""Backups of the database and restoring one.

Copies are made with SQLite's online backup API (``sqlite3.Connection.backup``): a
consistent snapshot even while the app or the engine writes, including what still sits in
the WAL. Each backup is a single self-contained file (journal mode DELETE), mode 0600, in
``<data_dir>/backups`` (mode 0700), named ``storesync-YYYYMMDD-HHMMSS-<reason>.db`` so the
names sort by time. Taken automatically before a migration changes the schema and once a
day while the app or the engine runs (:func:`backup_if_due`), and by ``storesync backup``;
only the newest ``keep`` (default :data:`KEEP_DEFAULT`) are kept in that folder.

Restore checks the file first (``integrity_check``, a schema revision this StoreSync knows),
refuses while a sync engine holds the folder's lock, keeps the database it replaces beside
it (``storesync-replaced-<stamp>.db`` with its ``-wal``), then moves the checked copy in.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app.core import engine_lock
from app.core.db.engine import make_private_file
from app.core.db.integrity import connect_read_only, integrity_errors
from app.core.db.problems import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseProblem,
    NewerSchema,
    as_problem,
    typed_errors,
)
from app.core.paths import PRIVATE_DIR_MODE, AppPaths
from app.core.text import msg

KEEP_DEFAULT = 7
"""How many backups the backups folder keeps (the workspace setting overrides it)."""
KEEP_SETTING_KEY = "backups_to_keep"
"""The settings row of ``app.core.settings.BACKUPS_TO_KEEP``, read by :func:`stored_keep`."""
KEEP_MAX = 365
DAILY = timedelta(days=1)
BACKUP_DIRNAME = "backups"
PAGES_PER_STEP = 256
SIDE_FILES = ("-wal", "-shm", "-journal")

_NAME = re.compile(r"^storesync-(\d{8}-\d{6})(?:-[\w.-]+)?\.db$")
_STAMP = "%Y%m%d-%H%M%S"

Progress = Callable[[int, int], None]
"""``progress(pages_done, pages_total)`` while a copy runs."""


class BackupNotUsable(DatabaseProblem):
    """The file offered for restore is not a StoreSync database."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            msg(
                "{path} is not a StoreSync backup (it has no StoreSync schema). Choose a "
                "file from the 'backups' folder or one made by `storesync backup`.",
                path=path,
            ),
            path,
        )


@dataclass(frozen=True)
class RestoreResult:
    """What restore did."""

    restored_from: Path
    replaced: Path | None  # where the previous database was kept (None: there was none)
    revision: str


def backups_dir_for(database: Path) -> Path:
    """The backups folder beside a database."""
    return database.parent / BACKUP_DIRNAME


def _stamp_of(path: Path) -> datetime | None:
    m = _NAME.match(path.name)
    return datetime.strptime(m.group(1), _STAMP) if m else None


def list_backups(folder: Path) -> list[Path]:
    """The backups in ``folder``, newest first (by the time in their names)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_file() and _stamp_of(p) is not None]
    return sorted(found, key=lambda p: (_stamp_of(p), p.name), reverse=True)


def stored_keep(database: Path) -> int:
    """The number of backups the seller chose to keep (Settings), read from the database
    itself, so every backup prunes alike: the app's, ``storesync backup``'s and the one
    before a migration. :data:`KEEP_DEFAULT` when unset or unreadable."""
    try:
        conn = connect_read_only(database)
        try:
            row = conn.execute(
                "SELECT value FROM settings WHERE key = ? ORDER BY workspace_id LIMIT 1",
                (KEEP_SETTING_KEY,),
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return KEEP_DEFAULT
    if row is None:
        return KEEP_DEFAULT
    raw = row[0]  # a JSON column: SQLite hands back 3, or '3' when stored as text
    try:
        value = int(json.loads(raw) if isinstance(raw, str) else raw)
    except (TypeError, ValueError):
        return KEEP_DEFAULT
    return value if 1 <= value <= KEEP_MAX else KEEP_DEFAULT


def prune_backups(folder: Path, keep: int = KEEP_DEFAULT) -> list[Path]:
    """Delete all but the newest ``keep`` backups; returns the deleted ones."""
    old = list_backups(folder)[max(keep, 1) :]
    for p in old:
        with contextlib.suppress(FileNotFoundError):
            p.unlink()
    return old


def _private_dir(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)


def copy_database(src: Path, dest: Path, progress: Progress | None = None) -> None:
    """A consistent copy of ``src`` at ``dest`` through the online backup API.

    Written to a temporary name and renamed when complete and checked, so ``dest`` is
    never a half-written file. ``src`` is only read.
    """
    tmp = dest.with_name(dest.name + ".partial")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    with typed_errors(src):
        make_private_file(tmp)
        try:
            source = connect_read_only(src, mode="rw")  # only read, but tidies the WAL
            try:
                target = sqlite3.connect(tmp)
                try:

                    def step(_status: int, remaining: int, total: int) -> None:
                        if progress is not None:
                            progress(total - remaining, total)

                    source.backup(target, pages=PAGES_PER_STEP, progress=step)
                    target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
                    bad = target.execute("PRAGMA quick_check").fetchone()[0]
                finally:
                    target.close()
            finally:
                source.close()
            if bad != "ok":
                raise DatabaseCorrupt(src, str(bad))
            os.replace(tmp, dest)
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()


def _new_backup_path(folder: Path, reason: str, now: datetime) -> Path:
    base = f"storesync-{now.strftime(_STAMP)}-{reason}"
    path, n = folder / f"{base}.db", 2
    while path.exists():
        path, n = folder / f"{base}.{n}.db", n + 1
    return path


def create_backup(
    database: Path,
    *,
    out: Path | None = None,
    reason: str = "manual",
    keep: int | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> Path:
    """Back ``database`` up to ``out``, else into its backups folder (then prune to
    ``keep``, by default the number chosen in Settings). Returns the backup's path."""
    if not database.is_file():
        raise FileNotFoundError(database)
    if out is not None:
        copy_database(database, out, progress)
        return out
    folder = backups_dir_for(database)
    with typed_errors(folder):
        _private_dir(folder)
    dest = _new_backup_path(folder, reason, _local(now or datetime.now()))
    copy_database(database, dest, progress)
    prune_backups(folder, keep if keep is not None else stored_keep(dest))
    return dest


def backup_before_migration(database: Path, current: str, head: str) -> Path:
    """The automatic backup taken before migrating ``current`` -> ``head``."""
    return create_backup(database, reason=f"before-{head}-from-{current}")


def backup_if_due(
    paths: AppPaths, now: datetime, *, keep: int | None = None, every: timedelta = DAILY
) -> Path | None:
    """The daily backup: make one when the newest is ``every`` old or older (or there is
    none). Returns the new backup, or None when none was due or there is no database.
    The running app and the engine call this periodically."""
    database = paths.database
    if not database.is_file() or database.stat().st_size == 0:
        return None
    newest = next(iter(list_backups(backups_dir_for(database))), None)
    if newest is not None:
        stamp = _stamp_of(newest)
        if stamp is not None and _local(now) - stamp < every:
            return None
    return create_backup(database, reason="daily", keep=keep, now=_local(now))


def _local(now: datetime) -> datetime:
    """Backup names carry local wall-clock time, without a zone."""
    return now.astimezone().replace(tzinfo=None) if now.tzinfo else now


# ---- restore ---------------------------------------------------------------------------


def backup_revision(path: Path, *, quick: bool = False) -> str:
    """Check a file offered for restore; returns its schema revision.

    Raises :class:`DatabaseCorrupt` (integrity; ``quick`` runs ``quick_check`` instead of
    ``integrity_check``), :class:`BackupNotUsable` (no StoreSync schema) or
    :class:`NewerSchema` (written by a newer StoreSync).
    """
    if not path.is_file():
        raise FileNotFoundError(path)
    errors = integrity_errors(path, quick=quick)
    if errors:
        raise DatabaseCorrupt(path, errors[0])
    with typed_errors(path):
        conn = connect_read_only(path)
        try:
            try:
                rev = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            except sqlite3.OperationalError:
                rev = None
            user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    if not rev:
        raise BackupNotUsable(path)
    from app.core.db.migrate import decode_version, known_revisions

    if rev[0] not in known_revisions():
        raise NewerSchema(path, rev[0], decode_version(user_version))
    return str(rev[0])


def newest_good_backup(database: Path) -> Path | None:
    """The newest backup beside ``database`` that passes ``quick_check`` and has a schema
    this StoreSync knows (what start-up offers when the database is damaged)."""
    for candidate in list_backups(backups_dir_for(database)):
        try:
            backup_revision(candidate, quick=True)
        except (DatabaseProblem, OSError):
            continue
        return candidate
    return None


def _set_aside(database: Path, now: datetime) -> Path | None:
    """Rename the database and its side files to ``storesync-replaced-<stamp>.db*``."""
    if not database.exists():
        return None
    base = f"storesync-replaced-{now.strftime(_STAMP)}"
    kept, n = database.with_name(f"{base}.db"), 2
    while kept.exists():
        kept, n = database.with_name(f"{base}.{n}.db"), n + 1
    os.replace(database, kept)
    for suffix in SIDE_FILES:  # the WAL belongs with its database: it moves along
        side = database.with_name(database.name + suffix)
        if side.exists():
            os.replace(side, kept.with_name(kept.name + suffix))
    return kept


def _refuse_if_in_use(paths: AppPaths) -> None:
    # an engine in this process counts too: the caller stops its own engine first
    if engine_lock.held_here(paths.data_dir) or engine_lock.held_by_other(paths.data_dir):
        raise DatabaseLocked(paths.database, engine_running=True)
    database = paths.database
    if not database.exists():
        return
    # nobody may be writing either: take SQLite's write lock for a moment. A damaged file
    # cannot be locked; it is the one that most needs replacing, so that is no refusal.
    try:
        conn = sqlite3.connect(database, timeout=1.0, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        problem = as_problem(exc, database)
        if isinstance(problem, DatabaseLocked):
            raise problem from exc


def restore_backup(
    paths: AppPaths,
    source: Path,
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> RestoreResult:
    """Replace the database with ``source`` after checking it.

    Nothing is replaced unless the file passes the checks; the previous database is kept
    beside the new one. Refused while a sync engine runs on this folder, in this process
    or another. The caller must have closed its own engine on this database.
    """
    now = now or datetime.now()
    source = source.resolve()
    revision = backup_revision(source)
    database = paths.database
    if source == database.resolve():
        raise ValueError("cannot restore the database onto itself")
    _refuse_if_in_use(paths)
    with typed_errors(paths.data_dir):
        _private_dir(paths.data_dir)
    incoming = database.with_name(database.name + ".restoring")
    copy_database(source, incoming, progress)
    try:
        with typed_errors(database):
            kept = _set_aside(database, now)
            os.replace(incoming, database)
    finally:
        with contextlib.suppress(FileNotFoundError):
            incoming.unlink()
    return RestoreResult(source, kept, revision)
