"""Technician entry: PIN pad (own widget) then the admin screen. Every attempt is logged,
never the PIN itself."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk import __version__
from kiosk.pin import PinGate
from screens.admin_common import note_action, refresh_style
from screens.admin_devices import AdminDevicesPage
from screens.admin_queue import AdminQueuePage
from screens.base import Screen, button, label
from screens.widgets.keypad import Keypad, edit_pin

log = logging.getLogger(__name__)
_gate: PinGate | None = None


translate = QCoreApplication.translate


def pin_gate(ctx) -> PinGate:
    """One gate per process, so the lockout survives leaving and re-opening the PIN screen."""
    global _gate
    if _gate is None:
        admin = ctx.config.admin
        _gate = PinGate(admin.pin_hash, admin.max_attempts, admin.lockout_seconds)
    return _gate


class AdminPinScreen(Screen):
    name = "admin_pin"
    show_back = False

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.digits = ""
        self.display = label("", "key")
        self.message = label(translate("AdminScreen", "Technician PIN"), "body")
        self.keypad = Keypad()
        self.keypad.pressed.connect(self._on_key)
        # landscape panels are only 1080 px high: prompt beside the keypad instead of above it
        landscape = ctx.landscape
        row = QHBoxLayout() if landscape else QVBoxLayout()
        prompt = QVBoxLayout()
        prompt.addWidget(self.message)
        prompt.addWidget(self.display)
        prompt.addStretch(1)
        row.addLayout(prompt, 1)
        row.addWidget(self.keypad, 1)
        self.body.addLayout(row)
        self.body.addStretch(1)
        self._refresh_lock()

    def title(self) -> str:
        return translate("AdminScreen", "Maintenance")

    def _refresh_lock(self) -> bool:
        remaining = pin_gate(self.ctx).locked_for()
        if remaining > 0:
            self.message.setText(translate("AdminScreen", "Too many wrong PINs. Locked for %1 s.").replace("%1", str(int(remaining) + 1)))
            self.keypad.setEnabled(False)
            return True
        self.keypad.setEnabled(True)
        return False

    def _on_key(self, key: str) -> None:
        digits = edit_pin(self.digits, key)
        if digits is None:
            self._submit()
            return
        self.digits = digits
        self.display.setText("●" * len(self.digits))

    def _submit(self) -> None:
        outcome = pin_gate(self.ctx).attempt(self.digits)
        self.digits = ""
        self.display.setText("")
        log.info("admin PIN attempt", extra={"fields": {"outcome": outcome}})
        if outcome == "ok":
            self.ctx.flow.go("admin")
        elif outcome == "locked":
            self._refresh_lock()
        else:
            self.message.setText(translate("AdminScreen", "Wrong PIN, try again."))

    def wipe(self) -> None:
        self.digits = ""


class AdminScreen(Screen):
    """Three pages behind a row of tab buttons (one tall page would not fit a landscape panel in
    elder mode): terminal (configuration, assisted mode, restart, exit), devices, queue."""

    name = "admin"
    show_back = False
    RESTART_EXIT_CODE = 75   # kiosk.service has Restart=always; 75 (EX_TEMPFAIL) says "on purpose"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        tabs = QHBoxLayout()
        self.pages = QStackedWidget()
        self.tabs: dict[str, object] = {}
        self.overview = self._overview_page()
        self.devices = AdminDevicesPage(ctx)
        self.queue = AdminQueuePage(ctx)
        for key, title, page in (("terminal", translate("AdminScreen", "Terminal"), self.overview),
                                 ("devices", translate("AdminScreen", "Devices"), self.devices),
                                 ("queue", translate("AdminScreen", "Queue"), self.queue)):
            tab = button(title)
            tab.clicked.connect(lambda _=False, k=key: self.show_page(k))
            tabs.addWidget(tab)
            self.tabs[key] = tab
            self.pages.addWidget(page)
        self.body.addLayout(tabs)
        self.body.addWidget(self.pages)
        self.body.addStretch(1)
        self.show_page("terminal")

    def _overview_page(self) -> QWidget:
        page = QWidget()
        # landscape panels are only 1080 px high: the actions sit beside the configuration there
        # (below it, they fell off an elder-mode panel)
        landscape = self.ctx.landscape
        split = QHBoxLayout(page) if landscape else QVBoxLayout(page)
        split.setContentsMargins(0, 0, 0, 0)
        split.setSpacing(32)
        column = QVBoxLayout()
        column.setSpacing(4)
        split.addLayout(column, 1)
        config = self.ctx.config
        rows = [
            (translate("AdminScreen", "Version"), __version__),
            (translate("AdminScreen", "Site"), f"{config.site.site_name} ({config.site.site_code})"),
            (translate("AdminScreen", "Terminal"), f"{config.site.device_name} ({config.site.device_code})"),
            (translate("AdminScreen", "Screen"),
             f"{config.screen.width}×{config.screen.height} {config.screen.orientation}"),
            (translate("AdminScreen", "ID card reader"), config.idcard.port or "-"),
            (translate("AdminScreen", "Printer"), f"{config.printer.uri} ({config.printer.paper_width_mm} mm)"),
            (translate("AdminScreen", "Camera"), config.camera.source),
            (translate("AdminScreen", "Platform"), config.sync.platform_url),
            (translate("AdminScreen", "Data folder"), str(config.paths.data_path())),
        ]
        for name, value in rows:
            column.addWidget(label(f"{name}: {value}", "body"))
        column.addStretch(1)
        actions = QVBoxLayout()
        actions.setSpacing(16)
        from screens.assisted import ASSISTED_ENTRY  # 帮办代办 entry (issue 9)
        self.assisted = button(translate("StaffSignInScreen", ASSISTED_ENTRY), "primary")
        self.assisted.clicked.connect(self._assisted)
        self.restart = button(translate("AdminScreen", "Restart the app"))
        self.restart.clicked.connect(self._restart)
        self.exit_kiosk = button(translate("AdminScreen", "Exit kiosk"), "danger")
        self.exit_kiosk.clicked.connect(self._exit_kiosk)
        for widget in (self.assisted, self.restart, self.exit_kiosk):
            actions.addWidget(widget)
        self.message = label("", "body")
        actions.addWidget(self.message)
        actions.addStretch(1)
        split.addLayout(actions)
        return page

    def show_page(self, key: str) -> None:
        pages = {"terminal": self.overview, "devices": self.devices, "queue": self.queue}
        if key != "devices":
            self.devices.stop_preview()
        if key == "queue":
            self.queue.refresh()
        self.pages.setCurrentWidget(pages[key])
        for name, tab in self.tabs.items():
            tab.setProperty("role", "primary" if name == key else "secondary")
            refresh_style(tab)

    def title(self) -> str:
        return translate("AdminScreen", "Maintenance")

    def _assisted(self) -> None:
        note_action(self.ctx, "assisted_mode")
        self.ctx.flow.go("staff_sign_in")

    def _restart(self) -> None:
        note_action(self.ctx, "restart")
        self._flush_audit()
        log.info("app restart requested from the admin screen")
        self.ctx.authorised_exit = True
        self.ctx.exitRequested.emit()            # stops the services cleanly, quits the loop …
        QCoreApplication.exit(self.RESTART_EXIT_CODE)   # … with the code systemd restarts on

    def _exit_kiosk(self) -> None:
        note_action(self.ctx, "exit")
        self._flush_audit()
        log.info("kiosk exit requested from the admin screen")
        self.ctx.authorised_exit = True
        self.ctx.exitRequested.emit()

    def _flush_audit(self) -> None:
        audit = self.ctx.services.audit
        if audit is not None and hasattr(audit, "flush"):
            audit.flush()

    def leave(self) -> None:
        self.devices.stop_preview()

    def wipe(self) -> None:
        self.devices.wipe()
        self.queue.wipe()

    @classmethod
    def sample(cls, ctx) -> dict:
        return {}


SCREENS = (AdminPinScreen, AdminScreen)
