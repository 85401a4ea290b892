"""Home: big tiles for what a resident can do, the elder-mode and language toggles."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout

from screens.base import Screen, Tile, button, label


class HomeScreen(Screen):
    name = "home"
    session_scoped = False
    show_back = False
    show_exit = False

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.title_label.setText(self.tr("Government Services Self-Service Terminal"))
        self.body.addWidget(label(ctx.config.site.site_name, "hint"))
        self.body.addStretch(1)
        welcome = QFrame()
        welcome.setProperty("role", "card")
        card = QVBoxLayout(welcome)
        card.setContentsMargins(32, 28, 32, 28)
        card.setSpacing(12)
        card.addWidget(label(self.tr("Open 24 hours. One visit, one form, one receipt."), "key"))
        card.addWidget(label(self.tr("Have your ID card ready. Paper materials are photographed here."), "body"))
        card.addWidget(label(self.tr("Works even when the network is down: what you submit is uploaded later."), "body"))
        card.addWidget(label(self.tr("Need help? Ask the staff for assisted service, or call %1.")
                             .replace("%1", ctx.config.site.hotline), "body"))
        self.body.addWidget(welcome)
        self.body.addStretch(1)
        landscape = ctx.landscape
        welcome.setVisible(not landscape)   # a 1080-px-high panel needs the room for the tiles
        self.tiles = {}
        grid = QGridLayout()
        grid.setSpacing(28)
        tiles = [
            ("catalog", self.tr("Apply"), self.tr("Apply for a matter or a 'one thing' bundle")),
            ("query", self.tr("Progress"), self.tr("Scan your receipt or read your ID card")),
            ("guide_browse", self.tr("Service guides"), self.tr("What to bring, how long it takes")),
            ("rate", self.tr("Rate a service"), self.tr("Good or bad, tell us")),
            ("feedback", self.tr("Complaints and suggestions"), self.tr("Could not get it done? Tell us")),
            ("ticket", self.tr("Queue ticket"), self.tr("Take a number for a hall window")),
        ]
        columns = 3 if ctx.landscape else 2
        for index, (target, title, hint) in enumerate(tiles):
            tile = Tile(title, hint)
            tile.setProperty("compact", ctx.landscape)
            tile.setObjectName(f"tile-{target}")
            tile.clicked.connect(lambda _=False, t=target: self.ctx.flow.go(t))
            grid.addWidget(tile, index // columns, index % columns)
            self.tiles[target] = tile
        self.body.addLayout(grid, 4)
        toggles = QHBoxLayout()
        toggles.setSpacing(24)
        self.elder_button = button(self.tr("Elder mode"))
        self.elder_button.setCheckable(True)
        self.elder_button.setChecked(ctx.elder)
        self.elder_button.toggled.connect(ctx.set_elder)
        self.language_button = button("English" if ctx.language == "zh_CN" else "中文")
        self.language_button.clicked.connect(
            lambda: ctx.set_language("en" if ctx.language == "zh_CN" else "zh_CN"))
        self.voice_button = button(self.tr("Voice guide"))
        self.voice_button.setCheckable(True)
        self.voice_button.setChecked(ctx.voice_enabled)
        self.voice_button.toggled.connect(self._set_voice)
        for widget in (self.elder_button, self.voice_button, self.language_button):
            toggles.addWidget(widget)
        self.body.addLayout(toggles)

    def _set_voice(self, on: bool) -> None:
        self.ctx.voice_enabled = on

    def enter(self) -> None:
        self.elder_button.setChecked(self.ctx.elder)
        self.voice_button.setChecked(self.ctx.voice_enabled)
        super().enter()

    def voice_prompt(self) -> str:
        return self.tr("Welcome. Touch a large button to begin.")
