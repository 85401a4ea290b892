"""好差评 from home: find an earlier receipt (QR scan or typed digits), then the same five-level
rating screen as right after a submission (one rating per application)."""

from __future__ import annotations

from screens.around_common import ReceiptEntry
from screens.base import Screen, label


class RateEarlierScreen(Screen):
    name = "rate"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.body.addWidget(label(self.tr("Which application do you want to rate?"), "key"))
        self.entry = ReceiptEntry(ctx)
        self.entry.found.connect(self._found)
        self.body.addWidget(self.entry)
        self.body.addStretch(1)

    def title(self) -> str:
        return self.tr("Rate a service")

    def voice_prompt(self) -> str:
        return self.tr("Scan the QR code of your receipt, or type its number.")

    def enter(self) -> None:
        super().enter()
        self.entry.start()

    def leave(self) -> None:
        self.entry.stop()

    def _found(self, receipt_no: str) -> None:
        self.ctx.flow.go("rating", receipt_no=receipt_no)

    def wipe(self) -> None:
        self.entry.stop()
        self.entry.clear()

    @classmethod
    def sample(cls, ctx) -> dict:
        return {}


SCREENS = (RateEarlierScreen,)
