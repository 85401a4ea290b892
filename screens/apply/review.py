"""Review: every answer and material (thumbnails), the signature pad and the consent to the
processing of personal information, which must be accepted."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from screens.apply.common import draft, sample_draft
from screens.base import Screen, button, inner_scroll, label
from screens.widgets.signature import SignaturePad

STATUS_TEXT = {
    "received": QT_TRANSLATE_NOOP("ReviewScreen", "Photographed"),
    "reused": QT_TRANSLATE_NOOP("ReviewScreen", "Already on file (e-licence)"),
    "owed": QT_TRANSLATE_NOOP("ReviewScreen", "To be supplied later"),
    "pending": QT_TRANSLATE_NOOP("ReviewScreen", "Missing"),
}


class ReviewScreen(Screen):
    name = "review"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.draft = draft(ctx)
        # Landscape (1080 px high): answers beside the pad, each the panel's full height;
        # portrait: answers above, pad below.
        split = self.split_outside_scroll()
        scroll = inner_scroll()
        # the scroll area joins the screen before it gets its content: a tree laid out (polished)
        # outside the screen is polished all over again when it joins
        split.addWidget(scroll, 1)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setSpacing(12)
        if self.draft is not None:
            column.addWidget(label(self.draft.merged.name, "key"))
            grid = QGridLayout()
            grid.setHorizontalSpacing(24)
            for row, field_def in enumerate(self.draft.merged.fields):
                value = self.draft.form.get(field_def.key, "")
                if isinstance(value, list):
                    value = "、".join(value)
                if field_def.type == "id_number" and value:
                    value = value[:6] + "********" + value[-4:]
                grid.addWidget(label(field_def.label, "hint"), row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(label(str(value) or "—", "body"), row, 1)
            column.addLayout(grid)
            column.addWidget(label(self.tr("Materials"), "key"))
            for name, state in self.draft.materials.items():
                row = QHBoxLayout()
                row.addWidget(label(f"{name}：{self.tr(STATUS_TEXT.get(state.status, state.status))}", "body"), 1)
                for thumb in state.thumbnails[:3]:
                    picture = QLabel()
                    pixmap = QPixmap()
                    pixmap.loadFromData(thumb)
                    picture.setPixmap(pixmap.scaledToHeight(96, Qt.TransformationMode.SmoothTransformation))
                    row.addWidget(picture)
                column.addLayout(row)
        # the notice is reading matter: it scrolls with the answers; the tick box stays in view
        column.addWidget(label(self.tr(
            "Personal information notice: the information and images you provide are used only to handle "
            "this application and are sent encrypted to the government service platform. They are not "
            "kept on this terminal after upload, except what is needed to reprint your receipt."), "hint"))
        self.consent = QCheckBox(self.tr("I have read and agree"))
        self.consent.setChecked(bool(self.draft and self.draft.consent))
        column.addStretch(1)
        scroll.setWidget(content)
        signing = QVBoxLayout()
        signing.setSpacing(16)
        signing.addWidget(self.consent)
        signing.addWidget(label(self.tr("Please sign below with your finger"), "key"))
        self.signature = SignaturePad()
        signing.addWidget(self.signature, 1)
        self.message = label("", "error")
        self.message.hide()
        signing.addWidget(self.message)
        split.addLayout(signing, 1)
        self.clear_button = button(self.tr("Clear signature"))
        self.clear_button.clicked.connect(self.signature.clear)
        self.confirm_button = button(self.tr("Confirm"), "primary")
        self.confirm_button.clicked.connect(self.confirm)
        self.add_action(self.clear_button, secondary=True)
        self.add_action(self.confirm_button)

    def title(self) -> str:
        return self.tr("Check and sign")

    def confirm(self) -> None:
        if not self.consent.isChecked():
            self._say(self.tr("Please read and accept the personal information notice."))
            return
        if self.signature.is_empty():
            self._say(self.tr("Please sign in the box."))
            return
        self.draft.consent = True
        self.draft.signature_png = self.signature.to_png()
        self.ctx.flow.go("delivery")

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def wipe(self) -> None:
        self.signature.clear()

    @classmethod
    def sample(cls, ctx) -> dict:
        made = sample_draft(ctx)
        for state in list(made.materials.values())[:1]:
            state.status = "received"
        return {}


SCREENS = (ReviewScreen,)
