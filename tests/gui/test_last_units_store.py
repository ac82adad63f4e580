"""The product editor's "Last units go to": the seller picks which store keeps offering a
variant's last units (or Automatic: the fastest seller), and the Inventory page shows
which store gets them now."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import select

from app.core.db.models import ChannelListing, StockPush, Store
from app.core.domain import OrderStatus, OutboxStatus
from app.core.services import catalog, inventory, locations
from app.core.services.orders import upsert_orders_in
from app.core.settings import LAST_UNITS_THRESHOLD, set_setting
from app.gui.catalog.editor import ProductEditor
from app.gui.inventory.page import InventoryPage
from tests.gui.conftest import wait_loaded
from tests.helpers.factories import order, product, store


def queued(workspace) -> dict[int, int]:
    """What each store is to be shown: the outbox rows not yet sent."""
    with workspace.sessions() as s:
        return dict(
            s.execute(
                select(StockPush.store_id, StockPush.wanted_stock).where(
                    StockPush.status != OutboxStatus.DONE
                )
            ).all()
        )


def setup(workspace):
    """MADU-00 with 10 units on three stores; the third one sells it fastest."""
    ctx = workspace.ctx
    p = product(ctx, skus=("MADU-00",))
    vid = p.variants[0].id
    loc = locations.list_locations(ctx)[0].id
    inventory.receive(ctx, vid, loc, 10)
    stores = [
        store(ctx, name, str(1000 + i)) for i, name in enumerate(("Toko A", "Toko B", "Toko C"))
    ]
    with workspace.sessions.begin() as s:
        for st in stores:
            s.add(
                ChannelListing(
                    store_id=st.id,
                    platform_product_id="P-MADU-00",
                    platform_variant_id="V-MADU-00",
                    platform_sku="MADU-00",
                    platform_stock=10,
                    last_pushed_stock=10,
                    variant_id=vid,
                )
            )
        fastest = s.get(Store, stores[2].id)
        now = datetime.now(UTC)
        sale = order("C1", OrderStatus.TO_SHIP, [("MADU-00", 6)])
        upsert_orders_in(s, fastest, [replace(sale, created_at=now, updated_at=now)])
    return p.id, vid, loc, [st.id for st in stores]


def edit(qtbot, ctx, product_id: int) -> ProductEditor:
    editor = ProductEditor(ctx, catalog.get_product(ctx, product_id))
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_choosing_the_store_that_gets_the_last_units(qtbot, workspace, make_gui):
    gui = make_gui(workspace)
    ctx = gui.ctx
    product_id, _vid, _loc, (a, b, c) = setup(workspace)
    set_setting(ctx, LAST_UNITS_THRESHOLD, 5)
    # 4 left after the sale: the rule is in force, Automatic gives them to Toko C
    assert queued(workspace) == {a: 0, b: 0, c: 4}

    editor = edit(qtbot, ctx, product_id)
    choice = editor.store_choice(0)
    assert [choice.itemText(i) for i in range(choice.count())] == [
        "Automatic (fastest seller)",
        "Toko A",
        "Toko B",
        "Toko C",
    ]
    assert choice.currentData() is None
    choice.setCurrentIndex(choice.findText("Toko B"))
    with qtbot.waitSignal(editor.accepted):
        editor.save_button.click()
    assert catalog.get_product(ctx, product_id).variants[0].last_units_store_id == b
    # every listing is told at once: only Toko B offers the last units
    assert queued(workspace) == {a: 0, b: 4, c: 0}

    # the Inventory page says who gets them now
    page = InventoryPage(gui)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    wait_loaded(qtbot, page.model, 1)
    titles = [page.model.column(i).title for i in range(page.model.columnCount())]
    col = titles.index("Last units on")
    cell = page.model.data(page.model.index(0, col))
    assert cell == "Toko B"

    # the editor shows the pick; the per-variant threshold turns the rule off here
    again = edit(qtbot, ctx, product_id)
    assert again.store_choice(0).currentText() == "Toko B"
    again.set_cell(0, "last_units_threshold", "3")  # 4 > 3: not in force
    with qtbot.waitSignal(again.accepted):
        again.save_button.click()
    assert queued(workspace) == {a: 4, b: 4, c: 4}
    page.reload()
    wait_loaded(qtbot, page.model, 1)
    qtbot.waitUntil(lambda: page.model.data(page.model.index(0, col)) == "", timeout=60_000)

    # back to Automatic at the threshold: the fastest seller again
    third = edit(qtbot, ctx, product_id)
    third.set_cell(0, "last_units_threshold", "")
    third.store_choice(0).setCurrentIndex(0)
    with qtbot.waitSignal(third.accepted):
        third.save_button.click()
    saved = catalog.get_product(ctx, product_id).variants[0]
    assert (saved.last_units_threshold, saved.last_units_store_id) == (None, None)
    assert queued(workspace) == {a: 0, b: 0, c: 4}


def test_a_new_variant_can_only_be_automatic(qtbot, workspace, make_gui):
    gui = make_gui(workspace)
    editor = ProductEditor(gui.ctx)
    qtbot.addWidget(editor)
    choice = editor.store_choice(0)
    assert choice.count() == 1 and choice.currentText() == "Automatic (fastest seller)"
