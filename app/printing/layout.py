"""A small flow layout for printed pages: rows of cells measured, split into pages, drawn.

The picking list and the packing slips are tables and paragraphs. Laying them out first
(measuring every row with the device's font metrics) and drawing afterwards gives the
page count before the first page is drawn, so each page can say "Page 2 of 5", and a
table's header row is repeated at the top of every page it continues on.

Units are device pixels of the paint device (``mm()`` converts), so the same code draws
a PDF (``QPdfWriter``), a printer page (``QPrinter``) or an image for a test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPaintDevice, QPainter, QPen

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
CENTER = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
WORDS = Qt.TextFlag.TextWordWrap  # names, addresses: break between words
ANYWHERE = Qt.TextFlag.TextWrapAnywhere  # SKUs: one long word that must never spill


def font(points: float, bold: bool = False) -> QFont:
    """The application font (the system's UI font: it and Qt's fallbacks cover every
    script a buyer's name may use) at ``points``."""
    f = QFont()
    f.setPointSizeF(points)
    f.setBold(bold)
    return f


@dataclass
class Cell:
    """One cell: text, width (px), font, alignment and wrapping; ``box`` draws a tick box."""

    text: str
    width: float
    font: QFont
    align: Qt.AlignmentFlag = LEFT
    box: bool = False
    wrap: Qt.TextFlag = WORDS


@dataclass
class Row:
    """A row of cells (or a custom drawing of a fixed height, ``draw(painter, rect)``)."""

    cells: list[Cell] = field(default_factory=list)
    height: float = 0.0
    shade: bool = False  # a grey band (table headers)
    rule: bool = False  # a thin line under the row
    head: Row | None = None  # the table header to repeat when this row starts a page
    keep_with_next: bool = False  # a section title stays with its first row
    draw: Callable[[QPainter, QRectF], None] | None = None


class Flow:
    """Rows laid out into pages of ``body`` (x, y, width, height in px)."""

    def __init__(self, device: QPaintDevice, body: QRectF, padding: float) -> None:
        self.device = device
        self.body = body
        self.pad = padding
        self.rows: list[Row] = []

    def measure(self, row: Row) -> Row:
        """Set the row's height from its tallest cell."""
        if row.draw is None:
            tallest = 0.0
            for c in row.cells:
                if c.box:
                    h = QFontMetricsF(c.font, self.device).height()
                else:
                    fm = QFontMetricsF(c.font, self.device)
                    w = max(1.0, c.width - 2 * self.pad)
                    rect = fm.boundingRect(QRectF(0, 0, w, 1e7), int(c.align | c.wrap), c.text)
                    h = rect.height()
                tallest = max(tallest, h)
            row.height = tallest + 2 * self.pad
        return row

    def add(self, row: Row) -> Row:
        """Measure and append a row."""
        self.rows.append(self.measure(row))
        return row

    def paginate(self) -> list[list[tuple[float, Row]]]:
        """Pages of (y, row); a row taller than a page gets a page of its own."""
        pages: list[list[tuple[float, Row]]] = [[]]
        y = self.body.top()
        bottom = self.body.bottom()
        for i, row in enumerate(self.rows):
            need = row.height
            if row.keep_with_next and i + 1 < len(self.rows):
                need += self.rows[i + 1].height
            if y + need > bottom and pages[-1]:
                pages.append([])
                y = self.body.top()
                if row.head is not None and row.head is not row:
                    pages[-1].append((y, row.head))
                    y += row.head.height
            pages[-1].append((y, row))
            y += row.height
        return pages

    def draw_row(self, p: QPainter, y: float, row: Row) -> None:
        """Draw one row with its top at ``y``."""
        rect = QRectF(self.body.left(), y, self.body.width(), row.height)
        if row.draw is not None:
            row.draw(p, rect)
            return
        if row.shade:
            p.fillRect(rect, QColor(230, 230, 230))
        x = self.body.left()
        for c in row.cells:
            inner = QRectF(x + self.pad, y + self.pad, c.width - 2 * self.pad, row.height)
            if c.box:
                side = QFontMetricsF(c.font, self.device).height() * 0.8
                p.setPen(QPen(QColor(0, 0, 0), max(1.0, side / 14)))
                p.drawRect(QRectF(inner.left(), inner.top() + side * 0.1, side, side))
            elif c.text:
                p.setFont(c.font)
                p.setPen(QColor(0, 0, 0))
                p.drawText(inner, int(c.align | c.wrap), c.text)
            x += c.width
        if row.rule:
            p.setPen(QPen(QColor(160, 160, 160), max(1.0, self.pad / 6)))
            p.drawLine(rect.bottomLeft(), rect.bottomRight())
