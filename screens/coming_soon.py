"""Stand-in for a capability that is not built yet: says so plainly instead of crashing."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from screens.base import Screen, label


class ComingSoonScreen(Screen):
    name = "coming_soon"
    feature = ""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.body.addStretch(1)
        self.body.addWidget(label(self.tr("This service is coming soon on this terminal."), "key"))
        self.body.addWidget(label(self.tr("Please ask at the service hall window or call 12345."), "body"))
        self.body.addStretch(2)

    def title(self) -> str:
        # feature names are marked with QT_TRANSLATE_NOOP("Features", …) where registered
        return QCoreApplication.translate("Features", self.feature) if self.feature else self.tr("Coming soon")


def coming_soon(name: str, feature: str) -> type[ComingSoonScreen]:
    """A ComingSoonScreen subclass registered under `name`."""
    return type(f"ComingSoon_{name}", (ComingSoonScreen,), {"name": name, "feature": feature})
