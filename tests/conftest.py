"""Test-wide set-up: offscreen Qt, an in-memory keychain, workspaces on real SQLite files."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import logging
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from tests.helpers.memkeyring import MemoryKeyring


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets a fresh in-memory keychain; the OS keychain is never touched."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh data folder."""
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def workspace(data_dir: Path):
    """An opened workspace on a real SQLite file in a temp folder, migrated to head."""
    from app.core.paths import resolve_paths
    from app.core.workspace import open_workspace

    ws = open_workspace(resolve_paths(data_dir))
    yield ws
    ws.close()


@pytest.fixture
def ctx(workspace):
    """The workspace's service context, acting as the owner."""
    return workspace.ctx


# loggers a command run in-process configures (app/core/logs.py): httpx is quietened there
_CONFIGURED_LOGGERS = ("", "app", "httpx", "httpcore")


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """A test that runs a command in-process (``app.__main__.main``) sets up logging: handlers
    on captured streams that pytest closes afterwards, httpx set to WARNING. Put it back, so a
    later test logs and reads logs as if it ran alone."""
    saved = []
    for name in _CONFIGURED_LOGGERS:
        lg = logging.getLogger(name)
        saved.append((lg, lg.level, list(lg.handlers), lg.propagate, lg.disabled))
    yield
    for lg, level, handlers, propagate, disabled in saved:
        for h in lg.handlers:
            if h not in handlers:
                lg.removeHandler(h)
        for h in handlers:
            if h not in lg.handlers:
                lg.addHandler(h)
        lg.setLevel(level)
        lg.propagate, lg.disabled = propagate, disabled


class _ErrorLog(logging.Handler):
    """Collects ERROR and worse from every logger and thread while one test runs."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "expected_errors(*patterns): ERROR log lines containing one of these texts are part "
        "of what the test provokes; any other ERROR line still fails it",
    )


@pytest.fixture(autouse=True)
def fail_on_error_logs(request: pytest.FixtureRequest) -> Iterator[None]:
    """An ERROR log line nobody expected fails the test, like a Qt warning does in tests/gui.

    A test that provokes errors on purpose names them with ``@pytest.mark.expected_errors``.
    """
    handler = _ErrorLog()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
    allowed = [p for m in request.node.iter_markers("expected_errors") for p in m.args]
    unexpected = [r for r in handler.records if not any(p in _full_text(r) for p in allowed)]
    if unexpected:
        lines = "\n".join(f"{r.name}: {_full_text(r)[:300]}" for r in unexpected[:5])
        pytest.fail(f"unexpected ERROR log lines:\n{lines}", pytrace=False)


def _full_text(record: logging.LogRecord) -> str:
    text = record.getMessage()
    if record.exc_info and record.exc_info[1] is not None:
        text += f" ({type(record.exc_info[1]).__name__}: {record.exc_info[1]})"
    return text
