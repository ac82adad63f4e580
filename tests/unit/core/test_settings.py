"""Workspace settings: typed accessors, the stored version and its upgrade steps."""

from __future__ import annotations

import logging

import pytest

from app.core.db.models import AuditEntry, Setting
from app.core.services.errors import ValidationError
from app.core.settings import (
    ALLOW_NEGATIVE_STOCK,
    LANGUAGE,
    LOW_STOCK_DEFAULT_POINT,
    NOTIFY_REAUTH,
    SETTINGS,
    SETTINGS_VERSION,
    SLOW_MOVER_DAYS,
    VERSION,
    SettingDef,
    get_setting,
    get_settings,
    set_setting,
    setting_in,
    settings_version,
    upgrade_settings,
)


def store_raw(workspace, **values) -> None:
    """Write values as an older or hand-edited database could hold them."""
    with workspace.sessions.begin() as s:
        for key, value in values.items():
            row = s.query(Setting).filter_by(workspace_id=workspace.ctx.workspace_id, key=key)
            row.delete()
            s.add(Setting(workspace_id=workspace.ctx.workspace_id, key=key, value=value))


def raw_values(workspace) -> dict[str, object]:
    with workspace.sessions() as s:
        return {
            r.key: r.value
            for r in s.query(Setting).filter_by(workspace_id=workspace.ctx.workspace_id)
        }


# ---------------------------------------------------------------------- accessors


def test_defaults_come_typed(ctx):
    assert get_setting(ctx, LOW_STOCK_DEFAULT_POINT) == 5
    assert get_setting(ctx, ALLOW_NEGATIVE_STOCK) is False
    assert get_setting(ctx, LANGUAGE) == "en"
    assert get_settings(ctx) == {key: d.default for key, d in SETTINGS.items()}


def test_set_then_get_each_type(ctx, workspace):
    set_setting(ctx, LOW_STOCK_DEFAULT_POINT, 8)
    set_setting(ctx, NOTIFY_REAUTH, False)
    set_setting(ctx, LANGUAGE, "id")
    assert get_setting(ctx, LOW_STOCK_DEFAULT_POINT) == 8
    assert get_setting(ctx, NOTIFY_REAUTH) is False
    assert get_setting(ctx, LANGUAGE) == "id"
    all_ = get_settings(ctx)
    assert (all_["low_stock_default_point"], all_["notify_reauth"], all_["language"]) == (
        8,
        False,
        "id",
    )
    with workspace.sessions() as s:
        assert setting_in(s, ctx.workspace_id, LOW_STOCK_DEFAULT_POINT) == 8
        audited = s.query(AuditEntry).filter_by(entity_type="setting").count()
    assert audited == 3


@pytest.mark.parametrize(
    ("setting", "value"),
    [(LOW_STOCK_DEFAULT_POINT, True), (LOW_STOCK_DEFAULT_POINT, "8"), (NOTIFY_REAUTH, 0)],
)
def test_set_refuses_the_wrong_type(ctx, setting, value):
    with pytest.raises(ValidationError):
        set_setting(ctx, setting, value)
    assert get_setting(ctx, setting) == setting.default


def test_set_refuses_an_undeclared_setting(ctx):
    with pytest.raises(ValidationError):
        set_setting(ctx, SettingDef("made_up", int, 1, ""), 2)
    with pytest.raises(ValidationError):
        set_setting(ctx, VERSION, 7)  # the version is not a preference


def test_a_stored_value_of_another_type_reads_as_declared(workspace, caplog):
    store_raw(workspace, slow_mover_days="45", notify_reauth="false", allow_negative_stock=1)
    assert get_setting(workspace.ctx, SLOW_MOVER_DAYS) == 45
    assert get_setting(workspace.ctx, NOTIFY_REAUTH) is False  # bool("false") was True
    assert get_setting(workspace.ctx, ALLOW_NEGATIVE_STOCK) is True
    store_raw(workspace, low_stock_default_point="many")
    with caplog.at_level(logging.WARNING, logger="app.core.settings"):
        assert get_setting(workspace.ctx, LOW_STOCK_DEFAULT_POINT) == 5
    assert "low_stock_default_point" in caplog.text


# ---------------------------------------------------------------------- version and upgrades


def test_a_new_workspace_is_at_the_current_version(ctx, workspace):
    assert SETTINGS_VERSION >= 1
    assert settings_version(ctx) == SETTINGS_VERSION
    assert raw_values(workspace)["settings_version"] == SETTINGS_VERSION
    assert "settings_version" not in get_settings(ctx)  # not a preference on the page


def test_step_1_repairs_or_drops_stored_values(workspace, caplog):
    ctx = workspace.ctx
    store_raw(
        workspace,
        settings_version=0,
        slow_mover_days="45",  # repaired to 45
        low_stock_default_point=7.0,  # repaired to 7
        notify_low_stock="off",  # repaired to False
        notify_reauth="sometimes",  # dropped: the default applies
        language=3,  # dropped
        allow_negative_stock=True,  # already fine
        from_a_newer_version="kept",  # not declared here: left alone
    )
    with caplog.at_level(logging.INFO, logger="app.core.settings"):
        assert upgrade_settings(ctx) == SETTINGS_VERSION
    raw = raw_values(workspace)
    assert raw["slow_mover_days"] == 45
    assert raw["low_stock_default_point"] == 7
    assert raw["notify_low_stock"] is False
    assert "notify_reauth" not in raw and "language" not in raw
    assert raw["allow_negative_stock"] is True
    assert raw["from_a_newer_version"] == "kept"
    assert raw["settings_version"] == SETTINGS_VERSION
    assert "dropping notify_reauth" in caplog.text
    assert "dropping language" in caplog.text
    assert "settings upgraded to version 1" in caplog.text
    assert get_setting(ctx, NOTIFY_REAUTH) is True


def test_upgrades_run_once(workspace, caplog):
    store_raw(workspace, settings_version=SETTINGS_VERSION, slow_mover_days="45")
    with caplog.at_level(logging.INFO, logger="app.core.settings"):
        assert upgrade_settings(workspace.ctx) == SETTINGS_VERSION
    assert raw_values(workspace)["slow_mover_days"] == "45"  # no step ran again
    assert "upgraded" not in caplog.text


def test_settings_from_a_newer_storesync_are_left_alone(workspace, caplog):
    store_raw(workspace, settings_version=SETTINGS_VERSION + 1, language=3)
    with caplog.at_level(logging.WARNING, logger="app.core.settings"):
        assert upgrade_settings(workspace.ctx) == SETTINGS_VERSION + 1
    assert raw_values(workspace)["language"] == 3
    assert "newer than this StoreSync" in caplog.text


def test_opening_a_workspace_upgrades_its_settings(data_dir):
    from app.core.paths import resolve_paths
    from app.core.workspace import open_workspace

    ws = open_workspace(resolve_paths(data_dir))
    try:
        store_raw(ws, settings_version=0, notify_sync_failed="no")
    finally:
        ws.close()
    ws = open_workspace(resolve_paths(data_dir))
    try:
        raw = raw_values(ws)
        assert raw["notify_sync_failed"] is False
        assert raw["settings_version"] == SETTINGS_VERSION
    finally:
        ws.close()
