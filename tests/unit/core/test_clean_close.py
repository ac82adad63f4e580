"""Start-up skips quick_check only for a file untouched since a clean close after a check
(app/core/db/clean_close.py); anything else is checked, and damage is still found."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest

from app.core.db import clean_close, integrity
from app.core.db.problems import DatabaseCorrupt
from app.core.workspace import open_workspace
from tests.helpers import dbfiles


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """The databases quick_check ran on."""
    ran: list[str] = []
    real = integrity.integrity_errors

    def spy(path, *, quick=False):
        ran.append(str(path))
        return real(path, quick=quick)

    monkeypatch.setattr(integrity, "integrity_errors", spy)
    return ran


def test_a_cleanly_closed_file_opens_without_reading_every_page(tmp_path, checks):
    paths = dbfiles.make_filled(tmp_path / "d")
    open_workspace(paths).close()  # checked, then closed cleanly
    assert len(checks) == 1 and clean_close.stamp_path(paths.database).exists()
    ws = open_workspace(paths)
    assert len(checks) == 1  # skipped: nothing touched the file
    assert not clean_close.stamp_path(paths.database).exists()  # open: no longer vouched
    ws.close()
    open_workspace(paths).close()
    assert len(checks) == 1  # the first check still vouches (within a day)


def test_a_file_changed_after_the_close_is_checked_and_damage_found(tmp_path, checks):
    paths = dbfiles.make_filled(tmp_path / "d")
    open_workspace(paths).close()
    st = paths.database.stat()
    dbfiles.break_header(paths.database)
    os.utime(paths.database, ns=(st.st_atime_ns, st.st_mtime_ns))  # even with its old time
    with pytest.raises(DatabaseCorrupt):
        open_workspace(paths)
    assert len(checks) == 2


def test_a_crash_or_an_old_check_means_a_check(tmp_path, checks):
    paths = dbfiles.make_filled(tmp_path / "d")
    ws = open_workspace(paths)
    ws.engine.dispose()  # gone without the clean close
    open_workspace(paths).close()
    assert len(checks) == 2
    later = datetime.now(UTC) + clean_close.TRUST_FOR + timedelta(minutes=1)
    assert clean_close.vouched_check(paths.database, later) is None  # a day later: check
    assert clean_close.vouched_check(paths.database) is not None
