"""Technician page "Devices": live device status, the self-test on a worker thread (results as a
table), a test print, a reader test read (only the masked ID number is shown) and a camera
preview. Talks to the services only; the self-test checks come from kiosk.selftest."""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.selftest import CheckResult, check_storage, run_selftest
from screens.admin_common import Worker, note_action
from screens.base import button, label

log = logging.getLogger(__name__)

DEVICE_NAMES = {
    "idcard": QT_TRANSLATE_NOOP("AdminDevicesPage", "ID card reader"),
    "printer": QT_TRANSLATE_NOOP("AdminDevicesPage", "Printer"),
    "camera": QT_TRANSLATE_NOOP("AdminDevicesPage", "Camera"),
    "storage": QT_TRANSLATE_NOOP("AdminDevicesPage", "Storage"),
}
STATE_NAMES = {
    "ok": QT_TRANSLATE_NOOP("AdminDevicesPage", "OK"),
    "warn": QT_TRANSLATE_NOOP("AdminDevicesPage", "Warning"),
    "fail": QT_TRANSLATE_NOOP("AdminDevicesPage", "Fault"),
    "unknown": QT_TRANSLATE_NOOP("AdminDevicesPage", "Unknown"),
    "absent": QT_TRANSLATE_NOOP("AdminDevicesPage", "Not configured"),
}
RESULT_NAMES = {
    "pass": QT_TRANSLATE_NOOP("AdminDevicesPage", "Pass"),
    "warn": QT_TRANSLATE_NOOP("AdminDevicesPage", "Warning"),
    "fail": QT_TRANSLATE_NOOP("AdminDevicesPage", "Fail"),
    "skip": QT_TRANSLATE_NOOP("AdminDevicesPage", "Skipped"),
}
RESULT_ROLES = {"pass": "ok", "warn": "body", "fail": "error", "skip": "hint"}


def masked_id(id_number: str) -> str:
    """First 6 and last 4 at most (the project's rule for showing an ID number)."""
    if len(id_number) <= 10:
        return "*" * len(id_number)
    return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:]


class AdminDevicesPage(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.results: list[CheckResult] = []
        self.print_jobs: set[str] = set()
        self.reading = False
        self.previewing = False
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)

        column.addWidget(label(self.tr("Device status"), "key"))
        self.status = label("", "body")
        column.addWidget(self.status)
        ctx.health.changed.connect(self.refresh_status)
        self.refresh_status()

        self.run_selftest = button(self.tr("Run the self-test"), "primary")
        self.run_selftest.clicked.connect(self.start_selftest)
        column.addWidget(self.run_selftest)
        self.selftest_state = label("", "body")
        column.addWidget(self.selftest_state)
        self.table = QGridLayout()
        self.table.setHorizontalSpacing(16)
        column.addLayout(self.table)
        self.worker = Worker(self)
        self.worker.step.connect(self._add_result)
        self.worker.done.connect(self._selftest_done)
        self.worker.error.connect(lambda why: self.selftest_state.setText(
            self.tr("The self-test stopped: %1").replace("%1", why)))

        row = QHBoxLayout()
        self.test_print = button(self.tr("Test print"))
        self.test_print.clicked.connect(self.print_test_page)
        self.test_read = button(self.tr("Test the card reader"))
        self.test_read.clicked.connect(self.toggle_read)
        self.preview_button = button(self.tr("Camera preview"))
        self.preview_button.clicked.connect(self.toggle_preview)
        for widget in (self.test_print, self.test_read, self.preview_button):
            row.addWidget(widget)
        column.addLayout(row)
        self.device_message = label("", "body")
        column.addWidget(self.device_message)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedHeight(360)
        self.preview.hide()
        column.addWidget(self.preview)

        services = ctx.services
        if services.printer is not None:
            services.printer.printed.connect(self._printed)
            services.printer.failed.connect(self._print_failed)
        if services.idcard is not None:
            services.idcard.cardRead.connect(self._card_read)
        if services.camera is not None:
            services.camera.frameReady.connect(self._frame)
            services.camera.error.connect(self._camera_error)

    # -- live status -----------------------------------------------------------------------
    def refresh_status(self) -> None:
        health = self.ctx.health
        lines = []
        for name, (state, detail) in sorted(health.devices.items()):
            shown = self.tr(DEVICE_NAMES[name]) if name in DEVICE_NAMES else name
            state_text = self.tr(STATE_NAMES[state]) if state in STATE_NAMES else state
            lines.append(f"{shown}: {state_text}" + (f" — {detail}" if detail else ""))
        if health.online is not None:
            lines.append(self.tr("Platform: online") if health.online else self.tr("Platform: offline"))
        if health.queue_depth is not None:
            lines.append(self.tr("Waiting to upload: %1").replace("%1", str(health.queue_depth)))
        self.status.setText("\n".join(lines) or self.tr("No device has reported yet."))

    # -- self-test ---------------------------------------------------------------------------
    def _overrides(self) -> dict:
        """Devices the running app owns are asked through their services, not reopened."""
        services = self.ctx.services
        overrides = {}
        idcard = services.idcard
        if idcard is not None:
            def reader() -> CheckResult:
                status = idcard.status
                details = {"status": status, "sam_id": idcard.sam_id}
                if status in ("idle", "card_present"):
                    return CheckResult("reader", "pass", f"reader service {status}, SAM ID {idcard.sam_id or '-'}",
                                       details)
                return CheckResult("reader", "fail", f"reader service {status}", details)
            overrides["reader"] = reader
        printer = services.printer
        if printer is not None:
            def printer_check() -> CheckResult:
                status = printer.status()
                printer.refresh_status()
                result = "pass" if status.state == "ok" else "warn" if status.state == "warn" else "fail"
                return CheckResult("printer", result, status.reason or status.detail, status.as_dict())
            overrides["printer"] = printer_check
        camera = services.camera
        if camera is not None and camera.isRunning():
            overrides["camera"] = lambda: CheckResult("camera", "pass", "running (preview)", {})
        store = services.store
        if store is not None:
            raw = getattr(store, "store", store)
            overrides["storage"] = lambda: check_storage(self.ctx.config, raw)
        return overrides

    def start_selftest(self) -> None:
        if self.worker.busy:
            return
        note_action(self.ctx, "selftest")
        self.results = []
        self._clear_table()
        self.selftest_state.setText(self.tr("Self-test running…"))
        self.run_selftest.setEnabled(False)
        config, overrides = self.ctx.config, self._overrides()
        self.worker.start(lambda step: run_selftest(config, overrides=overrides, on_result=step),
                          "admin-selftest")

    def _clear_table(self) -> None:
        while self.table.count():
            item = self.table.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def _add_result(self, result: CheckResult) -> None:
        self.results.append(result)
        row = len(self.results) - 1
        self.table.addWidget(label(result.name, "body"), row, 0)
        self.table.addWidget(label(self.tr(RESULT_NAMES.get(result.status, result.status)),
                                   RESULT_ROLES.get(result.status, "body")), row, 1)
        reason = label(result.reason, "body")
        self.table.addWidget(reason, row, 2)
        self.table.setColumnStretch(2, 1)

    def _selftest_done(self, results) -> None:
        self.worker.join()
        self.run_selftest.setEnabled(True)
        failed = [r.name for r in results if r.failed]
        self.selftest_state.setText(self.tr("Self-test passed.") if not failed else
                                    self.tr("Self-test failed: %1").replace("%1", ", ".join(failed)))

    # -- test print --------------------------------------------------------------------------
    def print_test_page(self) -> None:
        printer = self.ctx.services.printer
        note_action(self.ctx, "test_print")
        if printer is None:
            self.device_message.setText(self.tr("No printer is configured."))
            return
        data = printer.printer.render("test", {"profile": printer.printer.profile})
        self.print_jobs.add(printer.print_bytes(data))
        self.device_message.setText(self.tr("Printing a test page…"))

    def _printed(self, job_id: str) -> None:
        if job_id in self.print_jobs:
            self.print_jobs.discard(job_id)
            self.device_message.setText(self.tr("Test page printed."))

    def _print_failed(self, job_id: str, reason: str) -> None:
        if job_id in self.print_jobs:
            self.print_jobs.discard(job_id)
            self.device_message.setText(self.tr("Test page not printed: %1").replace("%1", reason))

    # -- reader ------------------------------------------------------------------------------
    def toggle_read(self) -> None:
        if self.ctx.services.idcard is None:
            self.device_message.setText(self.tr("No ID card reader is configured."))
            return
        self.reading = not self.reading
        note_action(self.ctx, "reader_test", on=self.reading)
        self.device_message.setText(self.tr("Place a card on the reader…") if self.reading else "")

    def _card_read(self, card) -> None:
        if not self.reading:
            return
        self.reading = False
        number = masked_id(getattr(card, "id_number", "") or "")
        self.device_message.setText(self.tr("Card read: %1").replace("%1", number))

    # -- camera ------------------------------------------------------------------------------
    def toggle_preview(self) -> None:
        camera = self.ctx.services.camera
        if camera is None:
            self.device_message.setText(self.tr("No camera is configured."))
            return
        self.previewing = not self.previewing
        note_action(self.ctx, "camera_preview", on=self.previewing)
        if self.previewing:
            self.preview.show()
            camera.start("page")
        else:
            self.stop_preview()

    def stop_preview(self) -> None:
        camera = self.ctx.services.camera
        if camera is not None and camera.isRunning():
            camera.pause()
        self.previewing = False
        self.preview.clear()
        self.preview.hide()

    def _frame(self, image) -> None:
        if self.previewing:
            self.preview.setPixmap(QPixmap.fromImage(image).scaledToHeight(
                self.preview.height(), Qt.TransformationMode.FastTransformation))

    def _camera_error(self, reason: str) -> None:
        if self.previewing:
            self.device_message.setText(reason)

    # -- leaving -----------------------------------------------------------------------------
    def wipe(self) -> None:
        self.reading = False
        self.stop_preview()
        self.worker.join()
        self.device_message.setText("")
