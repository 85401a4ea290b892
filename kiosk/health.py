"""Device health and connectivity as the status bar and the heartbeat see them."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Health(QObject):
    """device name → (state, detail); states: ok, warn, fail, unknown, absent."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.devices: dict[str, tuple[str, str]] = {}
        self.online: bool | None = None
        self.queue_depth: int | None = None
        self.low_disk: bool = False

    def set_device(self, name: str, state: str, detail: str = "") -> None:
        if self.devices.get(name) != (state, detail):
            self.devices[name] = (state, detail)
            self.changed.emit()

    def set_online(self, online: bool | None) -> None:
        if self.online != online:
            self.online = online
            self.changed.emit()

    def set_queue_depth(self, depth: int | None) -> None:
        if self.queue_depth != depth:
            self.queue_depth = depth
            self.changed.emit()

    def snapshot(self) -> dict:
        return {"devices": {k: {"state": s, "detail": d} for k, (s, d) in self.devices.items()},
                "online": self.online, "queue_depth": self.queue_depth, "low_disk": self.low_disk}
