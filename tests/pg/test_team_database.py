"""The team database as a seller meets it: the same search results on both engines,
``storesync db copy-to`` (and its refusals), ``--database-url``, Settings -> Team database."""

from __future__ import annotations

import hashlib
import json

import pytest

from app.__main__ import main
from app.core.paths import resolve_paths
from app.core.services import catalog, search
from app.core.workspace import open_workspace
from tests.gui.conftest import make_gui  # noqa: F401  (the fixture)
from tests.gui.seed import seed
from tests.helpers.factories import product
from tests.pg.server import PASSWORD, unique_name

QUERIES = ["kaos", "KAOS-HTM", "htm-m", "hitam", "jeans 3", "voal navy", "b", "1l", "x_y",
           "a.b", "Hijab#Voal", "tas kanvas", "cap", "zzz", "kaos_", "100%"]  # fmt: skip


def _catalog(ctx) -> None:
    seed(ctx)
    # SKUs whose punctuation FTS5 keeps inside a token, and ties in name
    product(ctx, name="Kabel x_y Data", skus=("X_Y-1", "X_Y-2"), category="Kabel")
    product(ctx, name="Kabel a.b Data", skus=("A.B/1",), brand="ab", category="Kabel")
    product(ctx, name="kaos anak", skus=("kaos-anak-1", "KAOS_ANAK_2"))


def _results(ctx) -> dict:
    out = {}
    for q in QUERIES:
        out[q, "global"] = [(h.kind, h.title, h.subtitle) for h in search.global_search(ctx, q)]
        out[q, "pick"] = [(h.title, h.subtitle) for h in search.search_variants(ctx, q)]
        for sort in ("sku", "name", "price"):
            ids = catalog.variant_ids(ctx, q, sort=sort, include_archived=True)
            rows = catalog.variant_rows(ctx, ids)
            out[q, sort] = [rows[i].sku for i in ids]
        ids = catalog.variant_ids(ctx, q, category="Kabel")
        out[q, "category"] = [catalog.variant_rows(ctx, ids)[i].sku for i in ids]
    return out


def test_the_catalog_search_lists_the_same_rows_in_the_same_order(
    pg_url, data_dir, tmp_path, monkeypatch
):
    monkeypatch.delenv("STORESYNC_DATABASE_URL")
    lite = open_workspace(resolve_paths(tmp_path / "lite"))
    pg = open_workspace(resolve_paths(data_dir), database_url=pg_url)
    try:
        assert pg.team_database is not None and lite.team_database is None
        for ws in (lite, pg):
            _catalog(ws.ctx)
        on_sqlite, on_pg = _results(lite.ctx), _results(pg.ctx)
        assert sum(len(v) for v in on_sqlite.values()) > 100  # the queries do find things
        assert on_pg == on_sqlite
    finally:
        lite.close()
        pg.close()


def _md5(path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def test_copy_to_moves_a_local_workspace_into_an_empty_database(
    pg_server, tmp_path, monkeypatch, capsys
):
    monkeypatch.delenv("STORESYNC_DATABASE_URL")
    folder = tmp_path / "shop"
    ws = open_workspace(resolve_paths(folder))
    seed(ws.ctx)
    before = _results(ws.ctx)
    ws.close()
    digest = _md5(ws.paths.database)
    empty = pg_server.create_database(unique_name("copy"))
    shown = empty.render_as_string(hide_password=True)
    monkeypatch.setenv("STORESYNC_DATABASE_PASSWORD", PASSWORD)
    no_password = empty._replace(password=None).render_as_string(hide_password=False)

    assert main(["--data-dir", str(folder), "db", "copy-to", no_password, "--use"]) == 0

    out = capsys.readouterr().out
    assert "row counts and the ledger check out" in out and PASSWORD not in out
    assert _md5(ws.paths.database) == digest  # the local file is only read
    saved = (folder / "team-database.json").read_text("utf-8")
    assert PASSWORD not in saved and json.loads(saved)["url"] == no_password
    # the folder now opens the team database: the same data, and new rows get new ids
    team = open_workspace(resolve_paths(folder))
    try:
        assert team.team_database == shown
        assert _results(team.ctx) == before
        product(team.ctx, name="Baru", skus=("BARU-1",))  # ids continue after the copied
        assert [h.subtitle for h in search.search_variants(team.ctx, "baru")] == ["BARU-1"]
    finally:
        team.close()
    assert main(["--data-dir", str(folder), "status"]) == 0
    assert "Toko" in capsys.readouterr().out


@pytest.mark.parametrize("case", ["not empty", "wrong password", "unreachable", "not postgres"])
def test_copy_to_refuses_with_one_line_and_changes_nothing(
    case, pg_server, pg_url, tmp_path, monkeypatch, capsys
):
    monkeypatch.delenv("STORESYNC_DATABASE_URL")
    folder = tmp_path / "shop"
    ws = open_workspace(resolve_paths(folder))
    product(ws.ctx)
    ws.close()
    digest = _md5(ws.paths.database)
    url = {
        "not empty": pg_url,
        "wrong password": pg_server.url(unique_name(), password="not-it"),
        "unreachable": pg_url.set(port=1),
        "not postgres": "mysql://user:secret@127.0.0.1/shop",
    }[case]
    text = url if isinstance(url, str) else url.render_as_string(hide_password=False)

    assert main(["--data-dir", str(folder), "db", "copy-to", text]) == 2

    err = capsys.readouterr().err.strip()
    expected = {
        "not empty": "is not empty",
        "wrong password": "refused the user name or password",
        "unreachable": "Cannot reach the team database server",
        "not postgres": "must be PostgreSQL",
    }[case]
    assert expected in err and "\n" not in err
    assert PASSWORD not in err and "not-it" not in err and "secret" not in err
    assert _md5(ws.paths.database) == digest
    assert not (folder / "team-database.json").exists()


def test_database_url_option_and_status(pg_url, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("STORESYNC_DATABASE_URL")
    url = pg_url.render_as_string(hide_password=False)
    ws = open_workspace(resolve_paths(tmp_path / "d"), database_url=pg_url)
    from tests.helpers.factories import store

    store(ws.ctx, name="Toko Bersama")
    ws.close()
    args = ["--data-dir", str(tmp_path / "d"), "status", "--database-url", url]
    assert main(args) == 0
    assert "Toko Bersama" in capsys.readouterr().out
    assert not (tmp_path / "d" / "storesync.db").exists()  # no local file was made


def test_settings_team_database_keeps_the_password_in_the_keychain(
    qtbot,
    workspace,
    make_gui,  # noqa: F811
    pg_url,
    monkeypatch,
):
    from app.gui.settings.team import TeamDatabasePanel

    panel = TeamDatabasePanel(make_gui(workspace))
    qtbot.addWidget(panel)
    assert "team database" in panel.in_use.text()  # this test's workspace is on PostgreSQL
    panel.url.setText(pg_url._replace(password=None).render_as_string(hide_password=False))
    panel.password.setText("wrong")
    assert panel.test_connection()
    qtbot.waitUntil(lambda: not panel.busy, timeout=60_000)
    assert "refused the user name or password" in panel.result.text()
    panel.password.setText(PASSWORD)
    panel.test_connection()
    qtbot.waitUntil(lambda: "Connected" in panel.result.text(), timeout=60_000)
    assert panel.use()
    saved = (workspace.paths.data_dir / "team-database.json").read_text("utf-8")
    assert PASSWORD not in saved
    from app.core.db.team import keychain_key

    assert workspace.secrets.get(keychain_key(pg_url), "password") == PASSWORD
    # the next start opens it with the keychain's password, no URL given anywhere else
    monkeypatch.delenv("STORESYNC_DATABASE_URL")
    again = open_workspace(workspace.paths)
    try:
        assert again.team_database is not None
    finally:
        again.close()
    assert panel.use_local()
    assert not (workspace.paths.data_dir / "team-database.json").exists()
