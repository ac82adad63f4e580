"""Hosts the analytics team's ``AnalyticsPage`` in the sidebar, or a placeholder."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.gui.context import GuiContext
from app.gui.i18n import N_, tr
from app.gui.page import Page

log = logging.getLogger(__name__)


class AnalyticsHost(Page):
    """Wraps ``app.gui.analytics.page.AnalyticsPage(ctx, parent)`` when it is installed."""

    title = N_("Analytics")
    kinds = frozenset({"orders", "products", "stock"})

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(gui, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.inner: QWidget | None = None
        try:
            from app.gui.analytics.page import AnalyticsPage  # type: ignore[import-not-found]
        except ImportError:
            AnalyticsPage = None
        if AnalyticsPage is not None:
            try:
                self.inner = AnalyticsPage(gui.ctx, self)
            except Exception:
                log.exception("the analytics page could not be built")
        if self.inner is None:
            title = QLabel(tr("Analytics"))
            title.setObjectName("pageTitle")
            note = QLabel(tr("Sales, margins and slow movers will appear here."))
            note.setObjectName("hint")
            lay.addWidget(title)
            lay.addWidget(note)
            lay.addStretch(1)
        else:
            lay.addWidget(self.inner)

    def reload(self) -> None:
        for name in ("reload", "refresh"):
            fn = getattr(self.inner, name, None)
            if callable(fn):
                try:
                    fn()
                except Exception:
                    log.exception("analytics refresh failed")
                return
