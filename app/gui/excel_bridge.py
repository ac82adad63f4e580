"""The Excel dialogs of the analytics/export team, when their package is installed."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.core.services.context import ServiceContext

log = logging.getLogger(__name__)


def excel_dialog(kind: str) -> Callable[[ServiceContext, QWidget | None], QWidget] | None:
    """``ExportDialog`` or ``ImportDialog`` from :mod:`app.gui.excel`, or None if absent."""
    try:
        import app.gui.excel as excel  # type: ignore[import-not-found]
    except ImportError:
        return None
    return getattr(excel, f"{kind}Dialog", None)


def open_excel_dialog(kind: str, ctx: ServiceContext, parent: QWidget | None) -> bool:
    """Show the Export or Import dialog; False when that package is not there yet."""
    factory = excel_dialog(kind)
    if factory is None:
        return False
    dlg = factory(ctx, parent)
    exec_ = getattr(dlg, "exec", None)
    if exec_ is not None:
        exec_()
    else:
        dlg.show()
    return True
