"""Excel export and import dialogs."""

from app.gui.excel.export_dialog import ExportDialog
from app.gui.excel.import_dialog import ImportDialog

__all__ = ["ExportDialog", "ImportDialog"]
