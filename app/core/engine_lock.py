"""The one-engine-per-data-folder lock: ``<data_dir>/engine.lock``.

A sync engine holds it for as long as it runs; restore refuses while another process holds
it, and a "database is locked" message can say that a StoreSync engine is the holder.

The lock is an OS file lock taken through ``filelock`` (``fcntl.flock`` on POSIX,
``msvcrt.locking`` on Windows): the OS releases it when the holder exits or crashes, so a
stale lock file never blocks anyone, unlike a pid file we would have to check ourselves.

Beside the lock, ``engine.lock.holder`` says who holds it (pid, what it is, since when), so
a second app or ``storesync sync`` can name the holder in one line. It is only a label: the
OS lock decides, and a label left by a crashed holder is overwritten by the next one.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from app.core.text import Message, msg

LOCK_FILENAME = "engine.lock"
HOLDER_SUFFIX = ".holder"
#: what an engine's process is, as the holder label names it (the GUI passes APP)
APP = "app"

_held: dict[Path, FileLock] = {}
_engines: dict[Path, int] = {}  # engines of this process holding each lock (see take())
_guard = threading.Lock()


@dataclass(frozen=True)
class Holder:
    """Who holds a data folder's engine lock, as its label says."""

    pid: int
    role: str  # APP, or the command ("sync", "demo", "stores add")
    command: str  # the holder's command line, for a support request
    started: datetime | None

    def describe(self) -> Message:
        """``storesync sync (pid 4242, since 2025-06-01 08:30 UTC)``."""
        what = msg("the StoreSync app") if self.role == APP else f"storesync {self.role}"
        since = self.started.strftime("%Y-%m-%d %H:%M UTC") if self.started else "?"
        return msg("{what} (pid {pid}, since {since})", what=what, pid=self.pid, since=since)


class EngineAlreadyRunning(RuntimeError):
    """Another process runs an engine on this data folder.

    ``str()`` is the one line a command prints; :attr:`holder` names the process.
    """

    def __init__(self, text: str, holder: Holder | None = None) -> None:
        super().__init__(text)
        self.holder = holder


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


# ---------------------------------------------------------------- engines and their label
def holder_path(data_dir: Path) -> Path:
    """The label beside the lock: who holds it."""
    return lock_path(data_dir).with_name(LOCK_FILENAME + HOLDER_SUFFIX)


def holder(data_dir: Path) -> Holder | None:
    """Who holds the lock, as the label says (None: no label, or one we cannot read)."""
    try:
        data = json.loads(holder_path(data_dir).read_text("utf-8"))
        started = data.get("started")
        return Holder(
            pid=int(data["pid"]),
            role=str(data.get("role") or "sync"),
            command=str(data.get("command") or ""),
            started=datetime.fromisoformat(started) if started else None,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def describe_holder(data_dir: Path) -> Message:
    """The holder in a few words, or "another StoreSync process" without a label."""
    h = holder(data_dir)
    return h.describe() if h is not None else msg("another StoreSync process")


def already_running(data_dir: Path) -> EngineAlreadyRunning:
    """The error (and one line) for "another process syncs this data folder"."""
    h = holder(data_dir)
    who = h.describe() if h is not None else msg("another StoreSync process")
    return EngineAlreadyRunning(
        msg(
            "{who} is already syncing this data folder; only one process may sync it at a "
            "time: stop that one first, or keep using it",
            who=who,
        ),
        h,
    )


def take(data_dir: Path, role: str) -> None:
    """An engine starts: hold the lock (counted per process) and write the label.

    Several engines of one process on one folder share the lock (tests, the CLI's
    connect inside a running app): the last :func:`give_back` releases it. Another
    process holding it raises :class:`EngineAlreadyRunning` naming that process.
    """
    path = lock_path(data_dir).resolve()
    with _guard:
        count = _engines.get(path, 0)
    if count == 0:
        try:
            acquire(data_dir)
        except EngineAlreadyRunning:
            raise already_running(data_dir) from None
        _write_label(data_dir, role)
    with _guard:
        _engines[path] = _engines.get(path, 0) + 1


def give_back(data_dir: Path) -> None:
    """An engine stopped: the last one of this process removes the label and releases."""
    path = lock_path(data_dir).resolve()
    with _guard:
        count = _engines.get(path, 0) - 1
        if count > 0:
            _engines[path] = count
            return
        _engines.pop(path, None)
    if held_here(data_dir):
        with contextlib.suppress(OSError):
            holder_path(data_dir).unlink()
    release(data_dir)


def _write_label(data_dir: Path, role: str) -> None:
    label = {
        "pid": os.getpid(),
        "role": role,
        "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]) if sys.argv else "",
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    path = holder_path(data_dir)
    tmp = path.with_name(path.name + ".tmp")
    try:  # written aside and renamed: a reader never sees half a label
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(label, fh)
        os.replace(tmp, path)
    except OSError:  # only a label: the lock is what counts
        pass
