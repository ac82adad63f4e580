"""Test-wide set-up: offscreen Qt, an in-memory keychain, workspaces on real SQLite files."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

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
