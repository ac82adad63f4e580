"""The stock dialog after a refused change (issue 15): the below-zero message shows whole
at its field and pushes the rows below it down, in both languages; no text overlaps."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QSpinBox, QWidget

from app.gui.i18n import install_language, remove_language
from tests.gui.test_inventory import open_inventory, select_sku


def overlaps(dialog: QWidget) -> list[str]:
    """Pairs of visible texts and fields whose rectangles intersect, and word-wrapped texts
    given less height than they need."""
    kinds = (QLabel, QAbstractButton, QComboBox, QSpinBox)
    shown = [
        w
        for w in dialog.findChildren(QWidget)
        if isinstance(w, kinds)
        and w.isVisible()
        and w.window() is dialog
        and not isinstance(w.parentWidget(), kinds)  # a spin box's own line edit, etc.
    ]
    rects: list[tuple[QWidget, QRect]] = [
        (w, QRect(w.mapTo(dialog, w.rect().topLeft()), w.size())) for w in shown
    ]
    found = []
    for i, (a, ra) in enumerate(rects):
        if isinstance(a, QLabel) and a.text():
            need = a.heightForWidth(a.width()) if a.wordWrap() else a.sizeHint().height()
            if a.height() < need:
                found.append(f"{a.text()!r} needs {need} px, has {a.height()}")
        for b, rb in rects[i + 1 :]:
            if a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            if ra.intersects(rb):
                found.append(f"{_name(a)} overlaps {_name(b)}")
    return found


def _name(w: QWidget) -> str:
    return repr(getattr(w, "text", lambda: "")() or w.accessibleName() or type(w).__name__)


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_below_zero_message_does_not_overlap(qtbot, gui, seeded, language):
    app = QApplication.instance()
    translator = install_language(app, language) if language != "en" else None
    try:
        page = open_inventory(qtbot, gui)
        select_sku(qtbot, page, "KAOS-HTM-L")
        dlg = page.open_dialog("adjust")
        qtbot.waitExposed(dlg)
        assert not overlaps(dlg)
        dlg.quantity.setValue(-999)
        dlg.reason.setCurrentIndex(1)
        dlg.save()
        qtbot.waitUntil(lambda: dlg.errors["delta"].isVisible(), timeout=60_000)
        QApplication.processEvents()
        if os.environ.get("STORESYNC_SHOT_DIR"):  # to look at it on a real X server
            dlg.grab().save(
                os.path.join(os.environ["STORESYNC_SHOT_DIR"], f"adjust-{language}.png")
            )
        assert dlg.isVisible()
        assert not overlaps(dlg), overlaps(dlg)
        dlg.reject()
    finally:
        remove_language(app, translator)
