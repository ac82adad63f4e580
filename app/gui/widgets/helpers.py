"""Small helpers: accessible names, error messages, debouncing, standard table set-up."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QToolTip,
    QWidget,
)

from app.core.services.errors import ServiceError
from app.gui import i18n
from app.gui.i18n import N_

log = logging.getLogger(__name__)

ROW_HEIGHT = 26

# The names the pages give setup_table() are plain English literals (they are the
# tables' object names too); screen readers get them translated. These marked copies put
# them in the translation file: keep them in step with the setup_table() calls.
TABLE_NAMES = (
    N_("Catalog variants"),
    N_("Channel listings"),
    N_("Stores"),
    N_("Running jobs"),
    N_("Job history"),
    N_("Job log"),
    N_("Orders"),
    N_("Stock levels"),
    N_("Movement history"),
    N_("Stock per channel"),
    N_("Sales per store"),
)


def named(widget: QWidget, name: str, description: str = "") -> QWidget:
    """Give a control its accessible name (screen readers) and a matching tooltip."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    elif not widget.toolTip():
        widget.setToolTip(name)
    return widget


def show_error(parent: QWidget | None, title: str, exc: BaseException | str) -> None:
    """Tell the user what went wrong; unexpected errors also go to the log."""
    if isinstance(exc, BaseException) and not isinstance(exc, ServiceError):
        log.error("%s", title, exc_info=exc)
    QMessageBox.warning(parent, title, i18n.tr_message(exc) or exc.__class__.__name__)


def error_label(parent: QWidget | None = None) -> QLabel:
    """An initially hidden label for a validation message shown at a field."""
    label = QLabel(parent)
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def set_error(label: QLabel, message: str | None) -> None:
    """Show (or hide, for None) a field's validation message."""
    label.setText(i18n.tr_message(message) if message else "")
    label.setVisible(bool(message))


class Debouncer(QObject):
    """Calls ``fn`` once, ``ms`` after the last :meth:`poke` (search-as-you-type)."""

    def __init__(self, ms: int, fn: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ms)
        self._timer.timeout.connect(fn)

    def poke(self) -> None:
        """(Re)start the countdown."""
        self._timer.start()

    def flush(self) -> None:
        """Fire now if a call is pending."""
        if self._timer.isActive():
            self._timer.stop()
            self._timer.timeout.emit()


def setup_table(view: QTableView, name: str, *, multi: bool = False, sortable: bool = True) -> None:
    """The standard table: row selection, fixed row height (never ResizeToContents on
    big models: it measured 242 s on 1M rows), alternating colours, keyboard focus.

    ``name`` is the English object name; the accessible name is its translation (see
    :data:`TABLE_NAMES`)."""
    view.setObjectName(name)
    view.setAccessibleName(i18n.tr_cached(name))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(sortable)
    view.setWordWrap(False)
    vh = view.verticalHeader()
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vh.setDefaultSectionSize(ROW_HEIGHT)
    vh.setVisible(False)
    ElidedTooltips(view)
    hh = view.horizontalHeader()
    hh.setStretchLastSection(True)
    hh.setSectionsMovable(True)
    hh.setHighlightSections(False)


class ElidedTooltips(QObject):
    """A cell whose text is cut short ("Sandbox StoreS…") shows its whole text as a
    tooltip; a column's own tooltip wins. Installed on every table by :func:`setup_table`."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        view = self._view
        idx = view.indexAt(event.pos())
        if not idx.isValid() or idx.data(Qt.ItemDataRole.ToolTipRole):
            return False  # nothing under the pointer, or the column says more
        text = str(idx.data(Qt.ItemDataRole.DisplayRole) or "")
        room = view.visualRect(idx).width() - 8  # the cell's text margins
        if text and view.fontMetrics().horizontalAdvance(text) > room:
            QToolTip.showText(event.globalPos(), text, view.viewport())
            return True
        QToolTip.hideText()
        return True


def header_width_needed(header: QHeaderView, section: int) -> int:
    """The width a header section needs to show its whole title in the themed (bold,
    padded) header font, with room for the sort arrow: titles are longer in Indonesian
    ("Sinkronisasi terakhir")."""
    header.ensurePolished()  # the style sheet's font and padding, not the plain font
    needed = header.sectionSizeFromContents(section).width()
    return needed + (18 if header.isSortIndicatorShown() else 4)


def fit_headers(view: QTableView, minimum: dict[int, int] | None = None) -> None:
    """Widen every column whose title would be clipped (each keeps at least its
    ``minimum`` width); the cells elide with a tooltip, the titles never clip."""
    header = view.horizontalHeader()
    minimum = minimum or {}
    for i in range(header.count()):
        width = max(minimum.get(i, header.sectionSize(i)), header_width_needed(header, i))
        view.setColumnWidth(i, width)


def apply_column_widths(view: QTableView, model) -> None:
    """Each column at its declared width, or wider when its title needs it (titles are
    longer in some languages). ``model`` has ``column(i)`` (Rows/Paged table models)."""
    fit_headers(view, {i: model.column(i).width for i in range(model.columnCount())})


def selected_rows(view: QTableView) -> list[int]:
    """The selected rows of a row-selecting view, in order."""
    sel = view.selectionModel()
    if sel is None:
        return []
    return sorted(i.row() for i in sel.selectedRows())


def current_row(view: QTableView) -> int:
    """The current (focused) row, else the first selected one, else -1.

    The current index wins: ``currentRowChanged`` fires before the selection follows.
    """
    idx = view.currentIndex()
    if idx.isValid():
        return idx.row()
    rows = selected_rows(view)
    return rows[0] if rows else -1


def select_row(view: QTableView, row: int) -> None:
    """Make ``row`` current and selected, and scroll to it."""
    model = view.model()
    if model is None or not 0 <= row < model.rowCount():
        return
    idx = model.index(row, 0)
    view.setCurrentIndex(idx)
    view.selectRow(row)
    view.scrollTo(idx)
