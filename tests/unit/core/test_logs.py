"""Rotating log files with secrets redacted; diagnostics without secrets."""

from __future__ import annotations

import logging

import pytest

from app.core import logs
from app.core.diagnostics import diagnostics_text
from app.core.settings import SLOW_MOVER_DAYS, set_setting
from tests.helpers import factories

TOKEN = "tok-9f8e7d6c5b4a"
SECRET = "partnerkey-0123456789abcdef"


@pytest.fixture
def file_logging(tmp_path):
    """setup_logging into a temporary log folder; the previous handlers come back after."""
    root = logging.getLogger()
    saved = list(root.handlers)
    quiet = ("", "httpx", "httpcore", "alembic")  # setup_logging sets these levels
    levels = {name: logging.getLogger(name).level for name in quiet}
    log_dir = tmp_path / "logs"
    logs.setup_logging(log_dir=log_dir)
    yield log_dir
    for h in list(root.handlers):
        if getattr(h, logs._OURS, False):
            root.removeHandler(h)
            h.close()
    for h in saved:
        if h not in root.handlers:
            root.addHandler(h)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def _flush() -> None:
    for h in logging.getLogger().handlers:
        h.flush()


@pytest.mark.expected_errors("refresh failed")
def test_the_log_file_is_written_and_holds_no_secret(file_logging):
    log = logging.getLogger("app.core.sync.test")
    log.info("refreshed access_token=%s for shop 42", TOKEN)
    try:
        raise RuntimeError(f"GET https://x.test/api?partner_key={SECRET}&sign=abc123 failed")
    except RuntimeError:
        log.exception("refresh failed with refresh_token: %s", TOKEN)
    _flush()
    text = (file_logging / logs.LOG_FILENAME).read_text(encoding="utf-8")
    assert "shop 42" in text and "refresh failed" in text
    assert "access_token=***" in text
    assert TOKEN not in text and SECRET not in text  # message, arguments and traceback
    assert "RuntimeError" in text


def test_every_handler_set_up_redacts_and_a_second_call_replaces_them(file_logging):
    ours = [h for h in logging.getLogger().handlers if getattr(h, logs._OURS, False)]
    assert len(ours) == 2  # stderr and the file
    logs.setup_logging(log_dir=file_logging)
    again = [h for h in logging.getLogger().handlers if getattr(h, logs._OURS, False)]
    assert len(again) == 2 and not set(again) & set(ours)
    for h in again:
        assert any(isinstance(f, logs.RedactingFilter) for f in h.filters)
        assert isinstance(h.formatter, logs.RedactingFormatter)
    assert logs.ensure_file_logging(file_logging)  # already there: nothing added
    assert len([h for h in logging.getLogger().handlers if getattr(h, logs._OURS, False)]) == 2


def test_the_log_rotates(tmp_path, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    handler = logs.file_handler(tmp_path / "logs")
    assert handler is not None
    logger = logging.getLogger("rotation-test")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for i in range(200):
            logger.warning("line %d %s", i, "x" * 50)
    finally:
        logger.removeHandler(handler)
        handler.close()
        logger.propagate = True
    files = logs.log_files(tmp_path / "logs")
    assert len(files) == logs.BACKUP_COUNT + 1
    assert all(f.stat().st_size <= 2_500 for f in files)


@pytest.mark.expected_errors("push failed", "engine crashed")
def test_diagnostics_name_the_installation_and_the_last_errors_without_secrets(
    file_logging, workspace
):
    factories.store(workspace.ctx)
    set_setting(workspace.ctx, SLOW_MOVER_DAYS, 45)
    log = logging.getLogger("app.core.sync.engine")
    log.error("push failed: access_token=%s", TOKEN)
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("engine crashed")
    log.info("quiet line")
    _flush()
    paths = workspace.paths.__class__(
        workspace.paths.data_dir, file_logging, workspace.paths.exports_dir
    )
    text = diagnostics_text(
        paths, workspace.ctx, extra=["Qt: 6.x"], error=f"Traceback: sign={SECRET}"
    )
    assert "StoreSync " in text and "OS: " in text and "Python: " in text and "Qt: 6.x" in text
    assert str(workspace.paths.data_dir) in text
    assert "slow_mover_days = 45" in text
    assert "shopee" in text  # the store's platform and status
    assert "push failed" in text and "engine crashed" in text and "ValueError: boom" in text
    assert "quiet line" not in text
    assert TOKEN not in text and SECRET not in text
