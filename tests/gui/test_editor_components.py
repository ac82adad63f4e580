"""The product editor's components: choose a bundle's components with search and
quantities, save, see them again; a cycle is refused at the field."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from app.core.services import bundles, catalog
from app.gui.catalog.components import ComponentsDialog
from app.gui.catalog.editor import ProductEditor


def test_components_are_chosen_with_search_saved_and_shown_again(qtbot, gui, seeded):
    editor = ProductEditor(gui.ctx)
    qtbot.addWidget(editor)
    editor.show()
    editor.name.setText("Paket Topi + Botol")
    editor.set_cell(0, "sku", "PAKET-TB")
    editor.table.setCurrentCell(0, 0)

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ComponentsDialog)
        dialog.search.setText("TOPI-NVY")
        qtbot.waitUntil(lambda: dialog.results.count() > 0, timeout=60_000)
        dialog.results.setCurrentRow(0)
        dialog.add_selected()
        dialog.search.setText("BTL-1L")
        qtbot.waitUntil(lambda: dialog.results.count() > 0, timeout=60_000)
        dialog.results.setCurrentRow(0)
        dialog.add_selected()
        dialog.quantity(1).setValue(2)
        dialog.done(QDialog.DialogCode.Accepted)

    QTimer.singleShot(0, choose)
    editor.choose_components()
    assert editor.cell(0, "components") == "TOPI-NVY×1, BTL-1L×2"
    with qtbot.waitSignal(editor.accepted, timeout=60_000):
        editor.save_button.click()
    bundle = catalog.find_variant_by_sku(gui.ctx, "PAKET-TB")
    assert [(c.sku, c.quantity) for c in bundles.components(gui.ctx, bundle.id)] == [
        ("BTL-1L", 2),
        ("TOPI-NVY", 1),
    ]
    assert editor.saved is not None
    again = ProductEditor(gui.ctx, catalog.get_product(gui.ctx, editor.saved.id))
    qtbot.addWidget(again)
    assert again.cell(0, "components") == "BTL-1L×2, TOPI-NVY×1"


def test_a_cycle_is_refused_at_the_field_and_nothing_changes(qtbot, gui, seeded):
    product = catalog.get_product(gui.ctx, seeded.product_ids["Topi Baseball Bordir"])
    catalog.create_product(
        gui.ctx,
        catalog.ProductInput(name="Paket", variants=(catalog.VariantInput(sku="PAKET-T"),)),
    )
    bundles.set_components_by_sku(gui.ctx, "PAKET-T", "TOPI-NVY×1")
    editor = ProductEditor(gui.ctx, product)
    qtbot.addWidget(editor)
    editor.show()
    editor.set_cell(0, "components", "PAKET-T×1")
    editor.save_button.click()
    assert editor.isVisible()
    text = editor.errors["variants"].text()
    assert "Components" in text and "PAKET-T" in text, text
    assert bundles.components(gui.ctx, product.variants[0].id) == []
