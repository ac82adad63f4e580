"""Keep the rows a user is looking at in place while new jobs are inserted above them.

Sync activity inserts about sixteen order fetches a minute at the top of its lists. A
table keeps its scroll position in rows, so every insertion above the first visible row
would slide the rows down under the mouse and a click would land on another job. While
the pointer is over the list, or the list is scrolled away from its top, the scroll
position follows the row that was at the top; at the top with the pointer elsewhere the
new jobs simply appear first.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QAbstractItemView, QTableView

from app.gui.widgets.paged_model import ID_ROLE


def _pointer_over(view: QTableView) -> bool:
    return view.isVisible() and view.viewport().underMouse()


@contextmanager
def steady_view(view: QTableView) -> Iterator[None]:
    """Around a model change that inserts or removes rows (never a reset)."""
    model = view.model()
    bar = view.verticalScrollBar()
    top = view.indexAt(QPoint(0, 0))
    anchor = top.isValid() and (bar.value() > 0 or _pointer_over(view))
    top_id = top.data(ID_ROLE) if anchor else None
    old_row = top.row()
    old_y = view.rowViewportPosition(old_row) if anchor else 0
    yield
    if top_id is None:
        return
    row = model.row_of(top_id)  # type: ignore[attr-defined]
    if row < 0 or row == old_row:
        return
    view.updateGeometries()  # the scroll range must include the new rows first
    if view.verticalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerItem:
        bar.setValue(bar.value() + row - old_row)
    else:
        bar.setValue(bar.value() + view.rowViewportPosition(row) - old_y)
