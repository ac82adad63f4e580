"""Drawing needs a Qt application: pytest-qt's (a QApplication, which the GUI tests in the
same session need; ``ensure_qt`` would make a plain QGuiApplication)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    return qapp
