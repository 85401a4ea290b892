"""Capture one material under the document camera: live preview, a one-line instruction that
follows the quality verdict, automatic capture when the page is still, the page list with
delete, "done"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QVBoxLayout, QWidget

from screens.apply.common import draft, sample_draft
from screens.base import Screen, button, label


class CaptureScreen(Screen):
    name = "capture"
    THUMBS_SHOWN = 4
    # the camera's thumbnails are 240 px on the long side; beside the preview on a landscape
    # panel two rows of them must fit the preview's height
    THUMB_HEIGHT = {"portrait": 200, "landscape": 136}

    def __init__(self, ctx, material: str | None = None, parent=None) -> None:
        super().__init__(ctx, parent)
        self.draft = draft(ctx)
        self.material = material or (next(iter(self.draft.materials)) if self.draft else "")
        self.body.addWidget(label(self.material, "key"))
        # landscape panels are only 1080 px high: the taken pages sit beside the preview there
        landscape = ctx.landscape
        split = QHBoxLayout() if landscape else QVBoxLayout()
        split.setSpacing(24)
        self.preview = QLabel()
        self.preview.setMinimumHeight(360)
        # the frame is scaled to the label's size: ignoring the pixmap's size hint keeps each frame
        # from growing the label that the next frame is scaled to (the body would then scroll)
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #1B2430;")
        split.addWidget(self.preview, 1)
        pages_panel = QVBoxLayout()
        self.pages_label = label("", "body")
        pages_panel.addWidget(self.pages_label)
        self.thumbs = QGridLayout()
        self.thumbs.setSpacing(16)
        self.thumbs.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._thumb_columns = 2 if landscape else self.THUMBS_SHOWN
        self.thumb_height = self.THUMB_HEIGHT["landscape" if landscape else "portrait"]
        pages_panel.addLayout(self.thumbs)
        pages_panel.addStretch(1)
        split.addLayout(pages_panel)
        self.body.addLayout(split, 1)
        # the instruction, the countdown and the buttons never scroll away from under the preview
        self.hint = label(self.tr("Lay the page flat in the lit area under the camera."), "key")
        self.fixed.addWidget(self.hint)
        # the auto-capture countdown: fills while an acceptable page is held still, the photo is
        # taken when full. No text of its own: the hint above already says "hold still" in
        # reading size, and bar text sits half on the blue fill
        self.countdown = QProgressBar()
        self.countdown.setRange(0, 100)
        self.countdown.setTextVisible(False)
        self.countdown.hide()
        self._page_just_taken = False
        self.fixed.addWidget(self.countdown)
        self.shoot_button = button(self.tr("Take photo now"))
        self.delete_button = button(self.tr("Delete last page"))
        self.done_button = button(self.tr("Done"), "primary")
        self.add_action(self.shoot_button, secondary=True)
        self.add_action(self.delete_button, secondary=True)
        self.add_action(self.done_button)
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
        progress = float(result.get("progress") or 0.0)
        # the page just taken still lies there, unchanged: keep saying it was taken (the gates'
        # "hold still" would read as if the photo were still to come)
        if self._page_just_taken and result.get("verdict") == "ok" and progress == 0.0:
            return
        self._page_just_taken = False
        if result.get("hint"):
            self.hint.setText(result["hint"])
        self.countdown.setVisible(progress > 0.0)
        self.countdown.setValue(int(progress * 100))

    def _captured(self, page) -> None:
        state = self.state()
        if state is None or self.ctx.flow.current() is not self:
            return
        state.pages.append(page.grey_jpeg)
        state.thumbnails.append(page.thumbnail_jpeg)
        state.status = "received"
        self._page_just_taken = True
        self.countdown.hide()
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
        first_shown = max(0, len(pages) - self.THUMBS_SHOWN)
        for place, thumb in enumerate(pages[first_shown:]):
            row, column = divmod(place, self._thumb_columns)
            self.thumbs.addWidget(self._thumbnail(thumb, first_shown + place + 1), row, column)
        self.delete_button.setEnabled(bool(pages))

    def _thumbnail(self, jpeg: bytes, number: int) -> QWidget:
        """A taken page big enough to check that it is the right one, with its page number."""
        tile = QWidget()
        column = QVBoxLayout(tile)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        picture = QLabel()
        picture.setProperty("role", "thumb")
        pixmap = QPixmap()
        pixmap.loadFromData(jpeg)
        picture.setPixmap(pixmap.scaledToHeight(self.thumb_height, Qt.TransformationMode.SmoothTransformation))
        column.addWidget(picture, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(label(self.tr("Page %1").replace("%1", str(number)), "hint"), 0,
                         Qt.AlignmentFlag.AlignHCenter)
        return tile

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
