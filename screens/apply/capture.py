"""Capture one material under the document camera: live preview, a one-line instruction that
follows the quality verdict, automatic capture when the page is still, the page list with
delete, "done"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar

from screens.apply.common import draft, sample_draft
from screens.base import Screen, button, label


class CaptureScreen(Screen):
    name = "capture"

    def __init__(self, ctx, material: str | None = None, parent=None) -> None:
        super().__init__(ctx, parent)
        self.draft = draft(ctx)
        self.material = material or (next(iter(self.draft.materials)) if self.draft else "")
        self.body.addWidget(label(self.material, "key"))
        self.preview = QLabel()
        self.preview.setMinimumHeight(360)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #1B2430;")
        self.body.addWidget(self.preview, 1)
        self.hint = label(self.tr("Lay the page flat in the lit area under the camera."), "key")
        self.body.addWidget(self.hint)
        # the auto-capture countdown: fills while the page is held still, the photo is taken when full
        self.countdown = QProgressBar()
        self.countdown.setRange(0, 100)
        self.countdown.setFormat(self.tr("Hold still: taking the photo"))
        self.countdown.setTextVisible(True)
        self.countdown.hide()
        self.body.addWidget(self.countdown)
        self.pages_label = label("", "body")
        self.body.addWidget(self.pages_label)
        self.thumbs = QHBoxLayout()
        self.body.addLayout(self.thumbs)
        row = QHBoxLayout()
        self.shoot_button = button(self.tr("Take photo now"))
        self.delete_button = button(self.tr("Delete last page"))
        self.done_button = button(self.tr("Done"), "primary")
        for widget in (self.shoot_button, self.delete_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.done_button)
        self.body.addLayout(row)
        self.shoot_button.clicked.connect(self._shoot)
        self.delete_button.clicked.connect(self._delete_last)
        self.done_button.clicked.connect(self._done)
        self.camera = ctx.services.camera
        if self.camera is None:
            self.hint.setText(self.tr("The document camera is not available. Please ask staff."))
        else:
            self.camera.frameReady.connect(self._frame)
            self.camera.detection.connect(self._detection)
            self.camera.captured.connect(self._captured)
        self._show_pages()

    def title(self) -> str:
        return self.tr("Photograph the material")

    def state(self):
        return self.draft.materials[self.material] if self.draft else None

    def enter(self) -> None:
        super().enter()
        if self.camera is not None:
            self.camera.start("page")

    def leave(self) -> None:
        if self.camera is not None:
            self.camera.pause()

    def _frame(self, image) -> None:
        self.preview.setPixmap(QPixmap.fromImage(image).scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio))

    def _detection(self, result) -> None:
        if not isinstance(result, dict):
            return
        if result.get("hint"):
            self.hint.setText(result["hint"])
        progress = float(result.get("progress") or 0.0)
        self.countdown.setVisible(progress > 0.0)
        self.countdown.setValue(int(progress * 100))

    def _captured(self, page) -> None:
        state = self.state()
        if state is None or self.ctx.flow.current() is not self:
            return
        state.pages.append(page.grey_jpeg)
        state.thumbnails.append(page.thumbnail_jpeg)
        state.status = "received"
        self.hint.setText(self.tr("Page taken. Put the next page, or touch Done."))
        self._show_pages()

    def _shoot(self) -> None:
        if self.camera is not None:
            self.camera.capture_now()

    def _delete_last(self) -> None:
        state = self.state()
        if state and state.pages:
            state.pages.pop()
            state.thumbnails.pop()
            if not state.pages:
                state.status = "pending"
            self._show_pages()

    def _show_pages(self) -> None:
        while self.thumbs.count():
            item = self.thumbs.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        state = self.state()
        pages = state.thumbnails if state else []
        self.pages_label.setText(self.tr("Pages taken: %1").replace("%1", str(len(pages))))
        for thumb in pages[-4:]:
            picture = QLabel()
            pixmap = QPixmap()
            pixmap.loadFromData(thumb)
            picture.setPixmap(pixmap.scaledToHeight(120, Qt.TransformationMode.SmoothTransformation))
            self.thumbs.addWidget(picture)
        self.thumbs.addStretch(1)
        self.delete_button.setEnabled(bool(pages))

    def _done(self) -> None:
        self.ctx.flow.back()

    def walk_capture(self, walk) -> None:
        """For the walkthrough: wait for the automatic capture of one page, then done. The
        simulated page sometimes lies where the quality gates refuse it for several placements
        (about 2.3 s each); after 4 s the walk touches the shutter, as a resident would."""
        from kiosk.showcase import wait_for
        state = self.state()
        walk.shot("capture")
        if not wait_for(lambda: state.pages, 4):
            self._shoot()
            wait_for(lambda: state.pages, 5)
        walk.shot("capture-page-taken")
        walk.tap(self.done_button)

    def wipe(self) -> None:
        self.preview.clear()

    @classmethod
    def sample(cls, ctx) -> dict:
        made = sample_draft(ctx)
        return {"material": next(iter(made.materials))}


SCREENS = (CaptureScreen,)
