"""Two expiries, labelled the same on the Stores page and in `storesync status` (issue 15
item 4): the access token (hours, renewed on its own) and the authorization (days, the
seller must act)."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

from app.core.services import stores
from app.gui.stores.model import expiry_tooltip, make_stores_model
from tests.helpers.factories import store


def test_page_and_status_show_both_expiries_labelled(qtbot, workspace, ctx, data_dir):
    shop = store(ctx, "Toko Madu")
    now = datetime.now(UTC)
    stores.set_token_expiry(
        ctx,
        shop.id,
        now + timedelta(hours=3, minutes=30),
        now + timedelta(days=29, hours=23, minutes=30),
    )
    (dto,) = stores.list_stores(ctx)
    model = make_stores_model(lambda: now)
    model.set_rows([dto])
    titles = [model.column(i).title for i in range(model.columnCount())]
    shown = model.data(model.index(0, titles.index("Authorization expires")))
    assert shown.startswith("in 29")  # the authorization, not the access token's hours
    tip = expiry_tooltip(dto)
    assert "Authorization expires:" in tip and "Access token expires:" in tip

    workspace.close()
    out = subprocess.run(
        [sys.executable, "-m", "app", "status", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    head, row = out.stdout.splitlines()[:2]
    assert "access token expires" in head and "authorization expires" in head
    assert "in 3h" in row and "in 29d 23h" in row
