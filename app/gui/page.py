"""The base of every page in the sidebar."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.gui.context import GuiContext
from app.gui.ui_state import UiState


class Page(QWidget):
    """A page loads its data the first time it is shown, and again when the main window's
    coalescing timer reports a relevant change (STYLE practice 4).

    Signals:
        navigate_requested(str, object): go to another page (its key) with a payload
            that page's :meth:`activate` understands.
        status_message(str): a short message for the status bar.
        local_change(object): this page changed rows of these kinds (a set of
            ``DataChanged.kind`` values), so other pages refresh as for engine events.
    """

    navigate_requested = Signal(str, object)
    status_message = Signal(str)
    local_change = Signal(object)

    #: the sidebar label
    title = ""
    #: ``DataChanged.kind`` values that make this page stale
    kinds: frozenset[str] = frozenset()

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.stale = True

    def ensure_loaded(self) -> None:
        """Reload if something changed while the page was hidden (or never loaded)."""
        if self.stale:
            self.stale = False
            self.reload()

    def reload(self) -> None:
        """Read everything the page shows again."""

    def data_changed(self, kinds: set[str]) -> None:
        """The engine (or another page) changed rows of these kinds; default: reload."""
        self.reload()

    def activate(self, payload: Any) -> None:
        """Called when another page navigates here with ``payload``."""

    def save_state(self, ui: UiState) -> None:
        """Remember splitters and column widths."""

    def restore_state(self, ui: UiState) -> None:
        """Restore what :meth:`save_state` remembered."""
