"""A table model over a small in-memory list of frozen rows, sortable in memory."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.gui import i18n
from app.gui.widgets.columns import Column
from app.gui.widgets.paged_model import ID_ROLE

log = logging.getLogger(__name__)
R = TypeVar("R")
_Index = QModelIndex | QPersistentModelIndex


def _sort_value(v: Any) -> tuple[bool, Any]:
    # None sorts last and never compares with a real value
    return (v is None, v if v is not None else 0)


class RowsTableModel(QAbstractTableModel, Generic[R]):
    """Rows in memory (stores, listings, jobs, movements...). ``row_id`` names each row."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        row_id: Callable[[R], int] = lambda r: r.id,  # type: ignore[attr-defined]
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []
        self._row_id = row_id
        self._sort: tuple[int, bool] | None = None

    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace every row (keeping the current sort)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._apply_sort()
        self.endResetModel()

    def rows(self) -> list[R]:
        """The rows, in display order."""
        return list(self._rows)

    def row_at(self, row: int) -> R | None:
        """The row object shown at ``row``."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, row_id: int) -> int:
        """The display row of the object with ``row_id``, or -1."""
        for i, r in enumerate(self._rows):
            if self._row_id(r) == row_id:
                return i
        return -1

    def column(self, i: int) -> Column[R]:
        """The declaration of column ``i``."""
        return self._columns[i]

    def refresh_all(self) -> None:
        """Repaint every cell (e.g. countdowns)."""
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1)
            )

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            # titles are marked N_ where the columns are declared; cached (called often)
            return i18n.tr_cached(self._columns[section].title)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        try:
            return self._data(index, role)
        except Exception:  # data() never raises (practice 16)
            log.exception("data() failed at %d,%d", index.row(), index.column())
            return None

    def _data(self, index: _Index, role: int) -> Any:
        if not index.isValid() or index.column() >= len(self._columns):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        col = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = col.value(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(col.align)
        if role == Qt.ItemDataRole.ForegroundRole and col.color is not None:
            name = col.color(row)
            return QColor(name) if name else None
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            return col.tooltip(row)
        if role == ID_ROLE:
            return self._row_id(row)
        if role == Qt.ItemDataRole.UserRole:
            return (col.raw or col.value)(row)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns) or not self._columns[column].sort_key:
            return
        self.beginResetModel()
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self._apply_sort()
        self.endResetModel()

    def _apply_sort(self) -> None:
        if self._sort is None:
            return
        col_no, desc = self._sort
        col = self._columns[col_no]
        key = col.raw or col.value
        try:
            self._rows.sort(key=lambda r: _sort_value(key(r)), reverse=desc)
        except TypeError:
            self._rows.sort(key=lambda r: str(key(r)), reverse=desc)
