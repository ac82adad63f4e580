"""The one-engine-per-data-folder lock: ``<data_dir>/engine.lock``.

A sync engine holds it for as long as it runs; restore refuses while another process holds
it, and a "database is locked" message can say that a StoreSync engine is the holder.

The lock is an OS file lock taken through ``filelock`` (``fcntl.flock`` on POSIX,
``msvcrt.locking`` on Windows): the OS releases it when the holder exits or crashes, so a
stale lock file never blocks anyone, unlike a pid file we would have to check ourselves.
"""

from __future__ import annotations

import threading
from pathlib import Path

from filelock import FileLock, Timeout

LOCK_FILENAME = "engine.lock"

_held: dict[Path, FileLock] = {}
_guard = threading.Lock()


class EngineAlreadyRunning(RuntimeError):
    """Another process runs an engine on this data folder."""


def lock_path(data_dir: Path) -> Path:
    """Where the lock file of ``data_dir`` lives."""
    return Path(data_dir) / LOCK_FILENAME


def acquire(data_dir: Path) -> FileLock:
    """Take the lock for this process (at once, or raise :class:`EngineAlreadyRunning`).

    Taking it again in the same process returns the same lock; ``release(data_dir)``
    gives it up.
    """
    path = lock_path(data_dir).resolve()
    with _guard:
        if path in _held:
            return _held[path]
        lock = FileLock(path, timeout=0, mode=0o600, thread_local=False, preserve_lock_file=True)
        try:
            lock.acquire()
        except Timeout:
            raise EngineAlreadyRunning(str(path)) from None
        _held[path] = lock
        return lock


def release(data_dir: Path) -> None:
    """Give up the lock this process holds (no error when it holds none)."""
    path = lock_path(data_dir).resolve()
    with _guard:
        lock = _held.pop(path, None)
    if lock is not None:
        lock.release()


def held_here(data_dir: Path) -> bool:
    """Does this process hold the lock of ``data_dir`` (its own engine runs)?"""
    with _guard:
        return lock_path(data_dir).resolve() in _held


def held_by_other(data_dir: Path) -> bool:
    """Does another process hold the lock of ``data_dir`` right now?"""
    path = lock_path(data_dir).resolve()
    with _guard:
        if path in _held:
            return False
    if not path.exists():
        return False
    probe = FileLock(path, timeout=0, mode=0o600, thread_local=False, preserve_lock_file=True)
    try:
        probe.acquire()
    except Timeout:
        return True
    except OSError:  # a folder we cannot write: nobody can hold a lock we cannot open
        return False
    probe.release()
    return False
