"""A table model over an id snapshot with pages fetched on demand (STYLE practice 9).

The model holds only the ids matching the current filter and sort (``array('q')``: 8 MB
for 1,000,000 rows). The snapshot is computed by a background worker and swapped in with a
model reset; ``data()`` loads the 200-row page a row falls in by ``WHERE id IN (...)`` and
keeps the last ~50 pages in an LRU. Filtering and sorting happen in SQL, never in a proxy.

A model built with ``cancellable=True`` hands its ids function a
:class:`~app.core.services.cancel.CancelToken` and cancels the previous request's token
when a newer one starts: search as you type never lets an outdated query run on. When
``first_page(filter)`` says so, a request first asks for one page of ids
(``limit=PAGE_SIZE``) and shows it, then the whole list: rows appear before a big list is
counted (worth it where the first page comes from an index, not after a full sort).
"""

from __future__ import annotations

import logging
from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from app.core.services.cancel import Cancelled, CancelToken
from app.gui import i18n
from app.gui.i18n import tr_cached
from app.gui.runner import BackgroundRunner
from app.gui.widgets.columns import Column

log = logging.getLogger(__name__)

R = TypeVar("R")
PAGE_SIZE = 200
MAX_PAGES = 50
ID_ROLE = Qt.ItemDataRole.UserRole + 1

# (filter, sort key, descending) -> ids; cancellable models also pass a CancelToken and
# first_page models a limit (None for the whole list) as keywords ``cancel`` and ``limit``
IdsFn = Callable[..., array]
RowsFn = Callable[[Sequence[int]], dict[int, R]]

_Index = QModelIndex | QPersistentModelIndex


class PagedTableModel(QAbstractTableModel, Generic[R]):
    """Id snapshot plus LRU pages.

    Signals:
        snapshot_loaded(int): a new snapshot is in; the argument is its row count.
        loading_changed(bool): a snapshot query started (True) or ended (False).
        load_failed(str): the snapshot query failed; the message is for the user.
    """

    snapshot_loaded = Signal(int)
    loading_changed = Signal(bool)
    load_failed = Signal(str)

    def __init__(
        self,
        runner: BackgroundRunner,
        columns: Sequence[Column[R]],
        ids_fn: IdsFn,
        rows_fn: RowsFn[R],
        *,
        sort: str,
        descending: bool = False,
        flt: Any = None,
        cancellable: bool = False,
        first_page: Callable[[Any], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._cancellable = cancellable
        self._first_page = first_page
        self._token: CancelToken | None = None
        self._partial = False  # the ids shown are only the first page of the list
        self.queries_cancelled = 0  # superseded queries stopped while they ran (tests)
        self._runner = runner
        self._columns = list(columns)
        self._ids_fn = ids_fn
        self._rows_fn = rows_fn
        self._filter = flt
        self._sort = sort
        self._desc = descending
        self._ids = array("q")
        self._pages: OrderedDict[int, list[R | None]] = OrderedDict()
        self._generation = 0
        self._loading = False
        self.pages_loaded = 0  # every page fetch since creation (a performance guard in tests)

    # ------------------------------------------------------------------ snapshot
    @property
    def filter(self) -> Any:
        """The current filter object."""
        return self._filter

    @property
    def sort_state(self) -> tuple[str, bool]:
        """(sort key, descending)."""
        return self._sort, self._desc

    @property
    def is_loading(self) -> bool:
        """A snapshot query is running."""
        return self._loading

    def set_filter(self, flt: Any) -> None:
        """Filter anew (a new snapshot is computed)."""
        self._filter = flt
        self.refresh()

    def refresh(self) -> None:
        """Compute a fresh snapshot in the background; older requests are cancelled."""
        self._generation += 1
        gen = self._generation
        if self._token is not None:
            self._token.cancel()  # a newer filter or sort supersedes it
        token = CancelToken() if self._cancellable else None
        self._token = token
        if not self._loading:
            self._loading = True
            self.loading_changed.emit(True)
        first = self._first_page is not None and self._first_page(self._filter)
        self._request(gen, token, PAGE_SIZE if first else None)

    def _request(self, gen: int, token: CancelToken | None, limit: int | None) -> None:
        flt, key, desc, ids_fn = self._filter, self._sort, self._desc, self._ids_fn
        kw: dict[str, Any] = {}
        if token is not None:
            kw["cancel"] = token
        if self._first_page is not None:
            kw["limit"] = limit
        self._runner.run(
            lambda: ids_fn(flt, key, desc, **kw),
            lambda ids: self._swap(gen, token, ids, limit),
            lambda exc: self._failed(gen, exc),
            owner=self,
        )

    def _swap(self, gen: int, token: CancelToken | None, ids: array, limit: int | None) -> None:
        if gen != self._generation:
            return  # a newer filter or sort superseded this one
        if limit is not None and len(ids) < limit:
            limit = None  # the first page is the whole list
        elif limit is not None:
            self._request(gen, token, None)  # now the whole list
        # the whole list after its first page: the page already loaded stays (same ids)
        keep = self._partial and self._ids[:PAGE_SIZE] == ids[:PAGE_SIZE]
        first = self._pages.get(0) if keep else None
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        if first is not None:
            self._pages[0] = first
        self._partial = limit is not None
        self.endResetModel()
        if limit is None:
            self._loading = False
            self.loading_changed.emit(False)
            self.snapshot_loaded.emit(len(ids))

    def _failed(self, gen: int, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.queries_cancelled += 1  # only superseded queries are cancelled
            return
        if gen != self._generation:
            return
        log.error("snapshot query failed", exc_info=exc)
        self._loading = False
        self.loading_changed.emit(False)
        self.load_failed.emit(str(exc))

    @property
    def is_partial(self) -> bool:
        """Only the first page of the list is in; the whole list is on its way."""
        return self._partial

    def invalidate(self) -> None:
        """Rows changed in place: drop cached pages and repaint, keeping the snapshot."""
        self._pages.clear()
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(self._columns) - 1)
            )

    # ------------------------------------------------------------------ rows
    def id_at(self, row: int) -> int | None:
        """The id shown at ``row``."""
        return int(self._ids[row]) if 0 <= row < len(self._ids) else None

    def row_of(self, row_id: int) -> int:
        """The row showing ``row_id``, or -1."""
        try:
            return self._ids.index(row_id)
        except ValueError:
            return -1

    def ids(self) -> array:
        """The current snapshot (do not modify)."""
        return self._ids

    def row_at(self, row: int) -> R | None:
        """The loaded row at ``row`` (fetching its page), or None if it vanished."""
        if not 0 <= row < len(self._ids):
            return None
        page_no, offset = divmod(row, PAGE_SIZE)
        page = self._pages.get(page_no)
        if page is None:
            page = self._load_page(page_no)
        else:
            self._pages.move_to_end(page_no)
        return page[offset] if offset < len(page) else None

    def _load_page(self, page_no: int) -> list[R | None]:
        ids = list(self._ids[page_no * PAGE_SIZE : (page_no + 1) * PAGE_SIZE])
        try:
            found = self._rows_fn(ids)
        except Exception:
            # rows that cannot be read render empty, never as an exception (practice 16)
            log.exception("loading page %d failed", page_no)
            found = {}
        page: list[R | None] = [found.get(i) for i in ids]
        self._pages[page_no] = page
        self.pages_loaded += 1
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    @property
    def cached_pages(self) -> int:
        """Pages held in the LRU now."""
        return len(self._pages)

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def column(self, i: int) -> Column[R]:
        """The declaration of column ``i``."""
        return self._columns[i]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        col = self._columns[section]
        # titles are marked N_ where the columns are declared; cached (called often)
        title = i18n.tr_cached(col.title)
        if role == Qt.ItemDataRole.ToolTipRole and col.sort_key:
            return tr_cached("{title} (click to sort)").format(title=title)
        return title

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        try:
            return self._data(index, role)
        except Exception:  # data() never raises (practice 16)
            log.exception("data() failed at %d,%d", index.row(), index.column())
            return None

    def _data(self, index: _Index, role: int) -> Any:
        if not index.isValid() or index.column() >= len(self._columns):
            return None
        col = self._columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(col.align)
        if role == ID_ROLE:
            return self.id_at(index.row())
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            value = col.value(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ForegroundRole and col.color is not None:
            name = col.color(row)
            return QColor(name) if name else None
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            return col.tooltip(row)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        key = self._columns[column].sort_key
        if key is None:
            return
        desc = order == Qt.SortOrder.DescendingOrder
        if (key, desc) == (self._sort, self._desc) and (self._ids or self._loading):
            return
        self._sort, self._desc = key, desc
        if self._generation:  # before the first load, only remember the order
            self.refresh()

    def sort_column(self) -> int:
        """The column index of the current sort (-1 if none shows it)."""
        for i, c in enumerate(self._columns):
            if c.sort_key == self._sort:
                return i
        return -1
