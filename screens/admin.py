"""Technician entry: PIN pad (own widget) then the admin screen. Every attempt is logged,
never the PIN itself."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk import __version__
from kiosk.pin import PinGate
from screens.base import Screen, button, label
from screens.widgets.keypad import Keypad

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
        landscape = ctx.config.screen.orientation == "landscape"
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
        if key == "back":
            self.digits = self.digits[:-1]
        elif key == "ok":
            self._submit()
            return
        elif len(self.digits) < 12:
            self.digits += key
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
    name = "admin"
    show_back = False

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        config = ctx.config
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
        ]
        lines = [f"{name}: {value}" for name, value in rows]
        for line in lines:
            self.body.addWidget(label(line, "body"))
        self.body.addStretch(1)
        from screens.assisted import ASSISTED_ENTRY  # 帮办代办 entry (issue 9)
        self.assisted = button(translate("StaffSignInScreen", ASSISTED_ENTRY), "primary")
        self.assisted.clicked.connect(lambda: self.ctx.flow.go("staff_sign_in"))
        self.body.addWidget(self.assisted)
        self.exit_kiosk = button(translate("AdminScreen", "Exit kiosk"), "danger")
        self.exit_kiosk.clicked.connect(self._exit_kiosk)
        self.body.addWidget(self.exit_kiosk)

    def title(self) -> str:
        return translate("AdminScreen", "Maintenance")

    def _exit_kiosk(self) -> None:
        log.info("kiosk exit requested from the admin screen")
        self.ctx.authorised_exit = True
        self.ctx.exitRequested.emit()
