"""Column declarations shared by the table models."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt

R = TypeVar("R")

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

# Status colours from the design palette; readable on both the light and the dark theme.
SUCCESS = "#10B981"
WARNING = "#F59E0B"
ERROR = "#EF4444"
PRIMARY = "#3B82F6"
MUTED = "#9CA3AF"


@dataclass(frozen=True)
class Column(Generic[R]):
    """One table column.

    Attributes:
        title: header text.
        value: the display text of a row (must not raise for a valid row).
        sort_key: the service's sort name (paged models) or any truthy value to allow an
            in-memory sort (row models); None makes the column unsortable.
        raw: the typed value in-memory sorting uses (defaults to ``value``).
        align: text alignment.
        color: a colour name for the text, or None.
        tooltip: the row's tooltip text, or None.
        width: the default width in pixels.
    """

    title: str
    value: Callable[[R], Any]
    sort_key: str | None = None
    raw: Callable[[R], Any] | None = None
    align: Qt.AlignmentFlag = LEFT
    color: Callable[[R], str | None] | None = None
    tooltip: Callable[[R], str | None] | None = None
    width: int = 120
