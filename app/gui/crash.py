"""Unexpected exceptions in the app: logged, then a plain dialog with the diagnostics to
copy, and the app keeps running.

``sys.excepthook`` receives what escapes a Qt slot or event handler (PySide prints such
errors through it and returns to the event loop) and ``threading.excepthook`` what kills a
thread. Both hand the report to :class:`CrashReporter` through a queued signal, so the
dialog is always built on the GUI thread. One dialog at a time: further reports while it
is open are logged and added to it.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

import PySide6
from PySide6.QtCore import QObject, Qt, Signal, Slot, qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.diagnostics import diagnostics_text, redact
from app.core.paths import AppPaths
from app.core.services.context import ServiceContext
from app.gui.i18n import tr
from app.gui.widgets.helpers import named

log = logging.getLogger(__name__)


def gui_diagnostics(
    paths: AppPaths | None, ctx: ServiceContext | None = None, error: str = ""
) -> str:
    """The diagnostics text with the Qt and PySide versions added."""
    extra = [f"Qt: {qVersion()} (PySide6 {PySide6.__version__})"]
    return diagnostics_text(paths, ctx, extra=extra, error=error)


def copy_to_clipboard(text: str) -> None:
    """Put ``text`` on the system clipboard."""
    clipboard = QApplication.clipboard()
    if clipboard is not None:
        clipboard.setText(text)


class CrashDialog(QDialog):
    """What went wrong in one sentence, the diagnostics below, Copy and Close."""

    def __init__(self, summary: str, diagnostics: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(tr("StoreSync ran into a problem"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        text = QLabel(
            tr(
                "Something unexpected went wrong: {summary}\n\nStoreSync is still running and "
                "your data is saved. If this happens again, copy the diagnostics below and "
                "send them to support."
            ).format(summary=summary)
        )
        text.setWordWrap(True)
        self.details = named(QPlainTextEdit(diagnostics), tr("Diagnostics"))
        self.details.setReadOnly(True)
        self.details.setMinimumSize(560, 260)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = named(QPushButton(tr("Copy diagnostics")), tr("Copy diagnostics"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(lambda: copy_to_clipboard(self.details.toPlainText()))
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(text)
        lay.addWidget(self.details, 1)
        lay.addWidget(buttons)

    def add_report(self, diagnostics: str) -> None:
        """Another exception arrived while this dialog is open."""
        self.details.appendPlainText("\n----\n" + diagnostics)


class CrashReporter(QObject):
    """Installs the hooks and shows :class:`CrashDialog` on the GUI thread.

    Signals:
        reported(str, str): internal; a summary and a traceback, from any thread.
    """

    reported = Signal(str, str)

    def __init__(
        self,
        paths: AppPaths | None,
        ctx: Callable[[], ServiceContext | None] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.ctx = ctx
        self.dialog: CrashDialog | None = None
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> CrashReporter:
        """Become ``sys.excepthook`` and ``threading.excepthook``."""
        sys.excepthook = self._hook
        threading.excepthook = self._thread_hook
        return self

    def uninstall(self) -> None:
        """Put the previous hooks back."""
        if sys.excepthook == self._hook:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self._thread_hook:
            threading.excepthook = self._previous_thread_hook

    def _hook(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous_hook(exc_type, exc, tb)
            return
        self.report(exc_type, exc, tb)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        self.report(args.exc_type, args.exc_value, args.exc_traceback)

    def report(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        """Log the exception and ask the GUI thread to show it (safe from any thread)."""
        log.critical("unexpected error", exc_info=(exc_type, exc, tb))
        summary = redact(f"{exc_type.__name__}: {exc}")
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        with contextlib.suppress(RuntimeError):  # the reporter is gone: the app is closing
            self.reported.emit(summary, text)

    @Slot(str, str)
    def _show(self, summary: str, error: str) -> None:
        try:
            ctx = self.ctx()
        except Exception:
            ctx = None
        diagnostics = gui_diagnostics(self.paths, ctx, error)
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add_report(diagnostics)
            return
        parent = QApplication.activeWindow()
        self.dialog = CrashDialog(summary, diagnostics, parent)
        self.dialog.destroyed.connect(self._forget)
        self.dialog.show()  # not exec(): the event loop goes on, the app keeps running
        self.dialog.raise_()

    def _forget(self) -> None:
        self.dialog = None
