"""Materials (一套材料): each required material photographed on the capture screen; reusable
ones (电子证照 / already on file) skipped with a mark; 容缺 ones may be "supplied later"."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from screens.apply.common import draft, sample_draft
from screens.base import Screen, button, inner_scroll, label


class MaterialsScreen(Screen):
    name = "materials"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.draft = draft(ctx)
        self.rows = {}
        self.body.addWidget(label(self.tr("Photograph each paper material under the camera."), "key"))
        scroll = inner_scroll()
        # the scroll area joins the screen before it gets its content: a tree laid out (polished)
        # outside the screen is polished all over again when it joins
        self.body.addWidget(scroll, 1)
        content = QWidget()
        self.column = QVBoxLayout(content)
        self.column.setSpacing(16)
        if self.draft is not None:
            for requirement in self.draft.merged.materials:
                self.column.addWidget(self._row(requirement))
        self.column.addStretch(1)
        scroll.setWidget(content)
        self.message = label("", "error")
        self.message.hide()
        self.fixed.addWidget(self.message)  # beside the button that failed, never scrolled away
        self.next_button = button(self.tr("Next: check and sign"), "primary")
        self.next_button.clicked.connect(self.next)
        self.add_action(self.next_button)

    def title(self) -> str:
        return self.tr("Materials")

    def _row(self, requirement) -> QFrame:
        card = QFrame()
        card.setProperty("role", "card")
        column = QVBoxLayout(card)
        counts = self.tr("originals %1, copies %2").replace("%1", str(requirement.originals)).replace(
            "%2", str(requirement.copies))
        column.addWidget(label(f"{requirement.name}（{counts}）", "key"))
        status = label("", "body")
        column.addWidget(status)
        actions = QHBoxLayout()
        capture = button(self.tr("Photograph"), "primary")
        capture.clicked.connect(lambda _=False, n=requirement.name: self.capture(n))
        actions.addWidget(capture)
        buttons = {"capture": capture}
        if requirement.reusable:
            reuse = button(self.tr("Use e-licence on file"))
            reuse.clicked.connect(lambda _=False, n=requirement.name: self.set_status(n, "reused"))
            actions.addWidget(reuse)
            buttons["reuse"] = reuse
        if requirement.deferrable:
            later = button(self.tr("Supply later"))
            later.clicked.connect(lambda _=False, n=requirement.name: self.set_status(n, "owed"))
            actions.addWidget(later)
            buttons["later"] = later
        actions.addStretch(1)
        column.addLayout(actions)
        self.rows[requirement.name] = (status, buttons)
        self._show_status(requirement.name)
        return card

    def _show_status(self, name: str) -> None:
        state = self.draft.materials[name]
        texts = {
            "pending": self.tr("Not yet provided"),
            "received": self.tr("Photographed: %1 page(s)").replace("%1", str(len(state.pages))),
            "reused": self.tr("Already on file (e-licence): nothing to hand in"),
            "owed": self.tr("To be supplied later (listed on your receipt)"),
        }
        status, _buttons = self.rows[name]
        status.setText(texts.get(state.status, state.status))
        status.setProperty("role", "ok" if state.status in ("received", "reused") else "body")
        status.style().polish(status)

    def set_status(self, name: str, status: str) -> None:
        self.draft.materials[name].status = status
        self._show_status(name)

    def capture(self, name: str) -> None:
        if "capture" in self.ctx.flow.registry:
            self.ctx.flow.go("capture", material=name)
        else:
            self.message.setText(self.tr("The document camera is not available. Choose another option or ask staff."))
            self.message.show()

    def enter(self) -> None:
        super().enter()
        for name in self.rows:
            self._show_status(name)

    def next(self) -> None:
        missing = self.draft.materials_missing() if self.draft else []
        if missing:
            self.message.setText(self.tr("Still needed: %1").replace("%1", "、".join(missing)))
            self.message.show()
            return
        self.ctx.flow.go("review")

    @classmethod
    def sample(cls, ctx) -> dict:
        sample_draft(ctx)
        return {}


SCREENS = (MaterialsScreen,)
