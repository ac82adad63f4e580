"""An unexpected exception shows a dialog with the diagnostics and the app keeps running;
Help -> Open log folder / Copy diagnostics."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from app.gui.crash import CrashDialog, CrashReporter

TOKEN = "tok-5e6f7a8b9c0d"


def _crash_dialogs() -> list[CrashDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog)]


@pytest.fixture
def reporter(gui):
    r = CrashReporter(gui.paths, lambda: gui.ctx).install()
    yield r
    r.uninstall()
    for d in _crash_dialogs():
        d.close()


def _boom() -> None:
    raise ZeroDivisionError(f"bad total while refreshing, access_token={TOKEN}")


@pytest.mark.expected_errors("unexpected error")
def test_an_exception_in_a_slot_shows_the_dialog_and_the_app_runs_on(qtbot, window, reporter):
    QTimer.singleShot(0, _boom)  # raised inside Qt's event loop, as a slot would
    qtbot.waitUntil(lambda: any(d.isVisible() for d in _crash_dialogs()), timeout=60_000)
    dialog = _crash_dialogs()[0]
    text = dialog.details.toPlainText()
    assert "ZeroDivisionError" in text and "_boom" in text  # the traceback
    assert "StoreSync " in text and "Qt: " in text and str(window.gui.paths.data_dir) in text
    assert TOKEN not in text
    labels = " ".join(w.text() for w in dialog.findChildren(type(dialog.copy_button)))
    assert "Copy diagnostics" in labels
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == text
    dialog.close()
    qtbot.waitUntil(lambda: not _crash_dialogs(), timeout=60_000)
    # still running: the window answers and another page loads
    assert window.isVisible()
    window.show_page("orders")
    qtbot.waitUntil(lambda: window.gui.runner.pending == 0, timeout=60_000)
    assert window.current_page() is window.pages["orders"]


@pytest.mark.expected_errors("unexpected error")
def test_an_exception_in_a_thread_reaches_the_dialog_on_the_gui_thread(qtbot, window, reporter):
    t = threading.Thread(target=_boom, name="worker")
    t.start()
    t.join()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in _crash_dialogs()), timeout=60_000)
    QTimer.singleShot(0, _boom)  # a second one while the dialog is open: added to it
    qtbot.waitUntil(
        lambda: _crash_dialogs()[0].details.toPlainText().count("ZeroDivisionError: bad") >= 2,
        timeout=60_000,
    )
    assert len(_crash_dialogs()) == 1


@pytest.mark.expected_errors("token refresh failed")
def test_copy_diagnostics_has_no_secret(qtbot, window, memory_keyring, tmp_path):
    from app.core.logs import setup_logging

    window.gui.secrets.set("shopee:100200", "access_token", TOKEN)
    window.gui.secrets.set("shopee:100200", "partner_key", "pk-" + TOKEN)
    assert memory_keyring.store
    # the last errors in the log come along, redacted
    import logging

    quiet = ("", "httpx", "httpcore", "alembic")  # setup_logging sets these levels
    levels = {name: logging.getLogger(name).level for name in quiet}
    setup_logging(log_dir=window.gui.paths.logs_dir)
    try:
        logging.getLogger("app.core.sync").error("token refresh failed: access_token=%s", TOKEN)
        text = window.copy_diagnostics()
    finally:
        _drop_our_handlers()
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
    assert "token refresh failed" in text
    assert QApplication.clipboard().text() == text
    assert "StoreSync " in text and "OS: " in text and "Python: " in text
    assert "slow_mover_days" in text and str(window.gui.paths.data_dir) in text
    for secret in memory_keyring.store.values():
        assert secret not in text
    assert "Diagnostics copied" in window.message.text()
    help_menu = window.menuBar().actions()[0]
    assert [a.text() for a in help_menu.menu().actions()] == [
        "Open log folder",
        "Copy diagnostics",
    ]


def test_open_log_folder_opens_the_log_folder(qtbot, window, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window.open_logs_action.trigger()
    assert [u.toLocalFile() for u in opened] == [str(window.gui.paths.logs_dir)]
    assert window.gui.paths.logs_dir.is_dir()


def _drop_our_handlers() -> None:
    import logging

    from app.core import logs

    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, logs._OURS, False):
            root.removeHandler(h)
            h.close()
