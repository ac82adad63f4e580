"""Sync activity stays put while jobs come in (issue 15, item 3): new jobs are inserted,
changed ones updated in place, the selected job and the row under the mouse stay; the list
narrows by store and by job type; job types read as words."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.core.domain import JobKind, JobStatus
from app.core.services import sync_jobs
from app.core.sync.events import JobFinished
from app.gui.activity.page import ActivityPage
from app.gui.widgets.paged_model import ID_ROLE

TIMEOUT = 60_000


def add_jobs(ctx, store_id: int, kind: JobKind, n: int, status=JobStatus.SUCCEEDED) -> list[int]:
    ids = []
    for _ in range(n):
        jid = sync_jobs.start_job(ctx, store_id, kind, "schedule")
        if status != JobStatus.RUNNING:
            sync_jobs.finish_job(
                ctx, sync_jobs.JobLog(jid, store_id), status, processed=1, total=1, failed=0
            )
        ids.append(jid)
    return ids


def open_page(qtbot, gui) -> ActivityPage:
    page = ActivityPage(gui)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    page.ensure_loaded()
    return page


def jobs_arrive(qtbot, gui, page: ActivityPage, store_id: int, n: int) -> list[int]:
    """n new jobs, announced the way the engine does (the page reloads on its timer)."""
    ids = add_jobs(gui.ctx, store_id, JobKind.ORDERS, n)
    gui.engine.emit_from_thread(
        [JobFinished(i, store_id, JobKind.ORDERS, JobStatus.SUCCEEDED, 1, 0) for i in ids]
    )
    qtbot.waitUntil(lambda: page.history_model.row_of(ids[-1]) >= 0, timeout=TIMEOUT)
    return ids


def id_at(page: ActivityPage, point: QPoint) -> int:
    return page.history_view.indexAt(point).data(ID_ROLE)


def test_selection_and_the_row_under_the_mouse_stay_while_jobs_arrive(
    qtbot, gui, seeded, workspace
):
    store = seeded.store_ids[0]
    add_jobs(gui.ctx, store, JobKind.ORDERS, 60)
    page = open_page(qtbot, gui)
    view, model = page.history_view, page.history_model
    resets = []
    model.modelReset.connect(lambda: resets.append(1))

    # the seller scrolled down to the stock push and selected it
    push = seeded.job_ids[0]
    row = model.row_of(push)
    view.selectRow(row)
    view.setCurrentIndex(model.index(row, 0))
    view.scrollTo(model.index(row, 0))
    assert view.verticalScrollBar().value() > 0
    point = QPoint(20, view.rowViewportPosition(row) + 5)
    assert id_at(page, point) == push
    log_before = page.log_title.text()

    new = jobs_arrive(qtbot, gui, page, store, 5)
    assert [model.row_at(i).id for i in range(5)] == sorted(new, reverse=True)  # inserted on top
    assert page.selected_job().id == push
    assert id_at(page, point) == push, "the row under the mouse moved"
    assert page.log_title.text() == log_before
    assert resets == []  # no re-sort, no reset

    # at the top, with the pointer over the list: the rows stay under it as well
    view.scrollToTop()
    QTest.mouseMove(view.viewport(), QPoint(20, 30))
    qtbot.waitUntil(lambda: view.viewport().underMouse(), timeout=TIMEOUT)
    under = id_at(page, QPoint(20, 30))
    jobs_arrive(qtbot, gui, page, store, 3)
    assert id_at(page, QPoint(20, 30)) == under
    assert page.selected_job().id == push


def test_a_running_job_is_updated_in_place(qtbot, gui, seeded):
    store = seeded.store_ids[0]
    (running,) = add_jobs(gui.ctx, store, JobKind.STOCK_PUSH, 1, status=JobStatus.RUNNING)
    page = open_page(qtbot, gui)
    model = page.history_model
    row = model.row_of(running)
    page.history_view.selectRow(row)
    page.history_view.setCurrentIndex(model.index(row, 0))
    sync_jobs.finish_job(
        gui.ctx,
        sync_jobs.JobLog(running, store),
        JobStatus.FAILED,
        processed=0,
        total=1,
        failed=1,
        error="refused by the shop",
    )
    gui.engine.emit_from_thread(
        [JobFinished(running, store, JobKind.STOCK_PUSH, JobStatus.FAILED, 0, 1)]
    )
    qtbot.waitUntil(lambda: model.row_at(row).status == JobStatus.FAILED, timeout=TIMEOUT)
    assert page.selected_job().id == running
    qtbot.waitUntil(lambda: page.log_model.rowCount() == 1, timeout=TIMEOUT)  # its log too
    assert page.retry_button.isEnabled()


def test_the_selected_running_job_stays_selected_while_others_start(qtbot, gui, seeded):
    page = open_page(qtbot, gui)
    engine = gui.engine
    first = engine.job_script(seeded.store_ids[0], JobKind.ORDERS, 5)
    engine.emit_from_thread(first[:2])
    qtbot.waitUntil(lambda: page.running_model.rowCount() == 1, timeout=TIMEOUT)
    page.running_view.selectRow(0)
    page.running_view.setCurrentIndex(page.running_model.index(0, 0))
    chosen = page.selected_running_job().id
    for _ in range(3):
        engine.emit_from_thread(engine.job_script(seeded.store_ids[1], JobKind.STOCK_PUSH, 5)[:2])
    qtbot.waitUntil(lambda: page.running_model.rowCount() == 4, timeout=TIMEOUT)
    engine.emit_from_thread(first[2:4])  # progress on the selected one
    qtbot.waitUntil(lambda: page.running_model.row_at(0).processed == 3, timeout=TIMEOUT)
    assert page.selected_running_job().id == chosen


def test_filters_by_store_and_job_type_and_job_types_in_words(qtbot, gui, seeded):
    a, b = seeded.store_ids[0], seeded.store_ids[1]
    add_jobs(gui.ctx, a, JobKind.ORDERS, 10)
    add_jobs(gui.ctx, b, JobKind.ORDERS, 4)
    add_jobs(gui.ctx, b, JobKind.STOCK_PUSH, 2)
    page = open_page(qtbot, gui)
    model = page.history_model

    def listed() -> list:
        return [model.row_at(i) for i in range(model.rowCount())]

    kinds = [page.kind.itemText(i) for i in range(page.kind.count())]
    assert "Push stock" in kinds and "Fetch orders" in kinds and "stock_push" not in kinds
    page.kind.setCurrentIndex(page.kind.findData(JobKind.STOCK_PUSH))
    assert {r.kind for r in listed()} == {JobKind.STOCK_PUSH}
    assert len(listed()) == 3  # the seeded push and two of store b
    page.store.setCurrentIndex(page.store.findData(b))
    assert [(r.store_id, r.kind) for r in listed()] == [(b, JobKind.STOCK_PUSH)] * 2
    page.kind.setCurrentIndex(0)  # all types of store b
    assert len(listed()) == 6 and {r.store_id for r in listed()} == {b}
    # job types in words, in the list and in the log's title
    job_col = next(
        i
        for i in range(model.columnCount())
        if model.headerData(i, Qt.Orientation.Horizontal) == "Job"
    )
    assert model.data(model.index(0, job_col)) in ("Push stock", "Fetch orders")
    page.history_view.selectRow(0)
    page.history_view.setCurrentIndex(model.index(0, 0))
    assert "stock_push" not in page.log_title.text() and "orders" not in page.log_title.text()
