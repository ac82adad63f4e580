"""Window geometry, splitter positions and column widths, kept in ``paths.ui_state`` (JSON).

UI state is kept apart from preferences (STYLE practice 13): losing it costs nothing.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QHeaderView, QSplitter, QWidget

log = logging.getLogger(__name__)


class UiState:
    """A small JSON document of named values, saved on demand."""

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._data: dict[str, Any] = {}
        if path is not None and path.exists():
            try:
                self._data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                log.warning("ignoring unreadable UI state %s", path)
                self._data = {}

    def get(self, key: str, default: Any = None) -> Any:
        """A stored value."""
        return self._data.get(key, default)

    def set(self, key: str, value: Any) -> None:
        """Store a JSON-able value (written by :meth:`save`)."""
        self._data[key] = value

    def save(self) -> None:
        """Write the document atomically."""
        if self._path is None:
            return
        try:
            tmp = self._path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self._data, indent=1, sort_keys=True), encoding="utf-8")
            tmp.replace(self._path)
        except OSError:
            log.warning("could not save UI state to %s", self._path, exc_info=True)

    # Qt state blobs travel as base64 strings.
    def _blob(self, key: str) -> QByteArray | None:
        value = self._data.get(key)
        if not isinstance(value, str):
            return None
        return QByteArray.fromBase64(value.encode("ascii"))

    def _put_blob(self, key: str, blob: QByteArray) -> None:
        self._data[key] = bytes(blob.toBase64().data()).decode("ascii")

    def save_geometry(self, key: str, widget: QWidget) -> None:
        """Remember a top-level widget's geometry."""
        self._put_blob(f"geometry/{key}", widget.saveGeometry())

    def restore_geometry(self, key: str, widget: QWidget) -> bool:
        """Restore a geometry saved by :meth:`save_geometry`."""
        blob = self._blob(f"geometry/{key}")
        return bool(blob) and widget.restoreGeometry(blob)

    def save_splitter(self, key: str, splitter: QSplitter) -> None:
        """Remember a splitter's sizes."""
        self._put_blob(f"splitter/{key}", splitter.saveState())

    def restore_splitter(self, key: str, splitter: QSplitter) -> None:
        """Restore a splitter saved by :meth:`save_splitter`."""
        blob = self._blob(f"splitter/{key}")
        if blob:
            splitter.restoreState(blob)

    def save_columns(self, key: str, header: QHeaderView) -> None:
        """Remember a table's column widths (and order)."""
        self._data[f"columns/{key}"] = [header.sectionSize(i) for i in range(header.count())]

    def restore_columns(self, key: str, header: QHeaderView) -> None:
        """Restore column widths saved by :meth:`save_columns`."""
        widths = self._data.get(f"columns/{key}")
        if not isinstance(widths, list):
            return
        from app.gui.widgets.helpers import header_width_needed

        for i, w in enumerate(widths[: header.count()]):
            if isinstance(w, int) and w > 10:  # never narrower than its title (a language change)
                header.resizeSection(i, max(w, header_width_needed(header, i)))
