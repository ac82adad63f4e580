"""The product editor's "Last units" column: a variant's own last-units threshold."""

from __future__ import annotations

from app.core.services import catalog
from app.gui.catalog.editor import ProductEditor


def test_a_variant_override_is_saved_shown_and_cleared(qtbot, gui, seeded):
    product = catalog.get_product(gui.ctx, seeded.product_ids["Topi Baseball Bordir"])
    editor = ProductEditor(gui.ctx, product)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.cell(0, "last_units_threshold") == ""  # follows the workspace setting
    editor.set_cell(0, "last_units_threshold", "abc")
    editor.save_button.click()
    assert editor.isVisible()  # refused at the field, nothing saved
    assert "Last units" in editor.errors["variants"].text()
    editor.set_cell(0, "last_units_threshold", "3")
    with qtbot.waitSignal(editor.accepted):
        editor.save_button.click()
    saved = catalog.get_product(gui.ctx, product.id).variants[0]
    assert saved.last_units_threshold == 3
    again = ProductEditor(gui.ctx, catalog.get_product(gui.ctx, product.id))
    qtbot.addWidget(again)
    assert again.cell(0, "last_units_threshold") == "3"
    again.set_cell(0, "last_units_threshold", "")
    with qtbot.waitSignal(again.accepted):
        again.save_button.click()
    assert catalog.get_product(gui.ctx, product.id).variants[0].last_units_threshold is None
