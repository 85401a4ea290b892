"""What every screen receives: configuration, flow, session, services, health and mode.
Screens get this through their constructor, never through globals, so tests can build any
screen with the services they choose."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.config import KioskConfig
from kiosk.health import Health
from kiosk.session import Session, Staff
from kiosk.theme import Tokens, tokens_for


@dataclass
class Services:
    """Device and data services; None where a device is not configured (screens must cope)."""

    idcard: Any = None
    printer: Any = None
    camera: Any = None
    store: Any = None
    sync: Any = None
    catalog: Any = None
    voice: Any = None
    audit: Any = None


class AppContext(QObject):
    elderChanged = Signal(bool)
    languageChanged = Signal(str)
    assistedChanged = Signal(object)      # Staff | None
    exitRequested = Signal()

    def __init__(self, config: KioskConfig, services: Services | None = None,
                 parent: QObject | None = None, health: Health | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.services = services or Services()
        self.health = health or Health(self)
        self.elder = config.ui.elder_mode
        self.language = config.ui.language
        self.voice_enabled = config.ui.voice or config.ui.elder_mode
        self.session = Session()
        self.staff: Staff | None = None
        self.flow = None            # set by the flow when it is built
        self.authorised_exit = False

    @property
    def tokens(self) -> Tokens:
        return tokens_for(self.elder)

    @property
    def landscape(self) -> bool:
        """A landscape panel is only 1080 px high: screens lay parts side by side there."""
        return self.config.screen.orientation == "landscape"

    def idle_seconds(self) -> int:
        return self.config.idle.elder_seconds if self.elder else self.config.idle.normal_seconds

    def set_elder(self, elder: bool) -> None:
        if elder != self.elder:
            self.elder = elder
            if elder:
                self.voice_enabled = True
            self.elderChanged.emit(elder)

    def set_language(self, language: str) -> None:
        if language != self.language:
            self.language = language
            self.languageChanged.emit(language)

    def set_staff(self, staff: Staff | None) -> None:
        self.staff = staff
        self.session.assisted_by = staff
        self.assistedChanged.emit(staff)
