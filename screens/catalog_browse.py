"""Finding a matter or a bundle: by life event, by department, the 一件事 list, or by search
(Chinese, full pinyin or pinyin initials, through the catalog's own index). Two home tiles open
the same browser: "catalog" (我要办事) and "guide_browse" (办事指南); a tap on an entry opens
its guide."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalog import CatalogError

if TYPE_CHECKING:
    from kiosk.catalog import Catalog
from screens.base import Screen, button, inner_scroll, label

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

# Search words residents ask for most; they are catalog terms (the catalog is Chinese in both
# UI languages), so they are data, not translatable text.
QUICK_KEYWORDS = ("社保", "医保", "户口", "公积金", "出生", "退休", "残疾", "水电气")
TABS = ("events", "departments", "bundles", "search")

# The bundled catalog is parsed once per folder state: building the pinyin index takes about a
# second, far too long for a screen change. Catalogs are immutable and hold nothing personal.
_loaded: dict[tuple[str, float], Catalog] = {}


def catalog_of(ctx) -> Catalog:
    """The catalog service, or the configured catalog folder when no service is wired."""
    if ctx.services.catalog is not None:
        return ctx.services.catalog
    folder = Path(ctx.config.catalog_path())
    newest = max((p.stat().st_mtime for p in folder.glob("*.json")), default=0.0) if folder.is_dir() else 0.0
    key = (str(folder.resolve()), newest)
    if key not in _loaded:
        _loaded.clear()
        from kiosk.catalog import Catalog  # the search index (pypinyin) loads with the catalog
        _loaded[key] = Catalog.load_dir(folder)   # CatalogError names the file and entry
    return _loaded[key]


def days_text(days: int) -> str:
    if days == 0:
        return translate("Guide", "done on the spot")
    # "%1", not a "%n" plural form: Chinese has none, and the translation check reads plain text
    return translate("Guide", "%1 working day(s)").replace("%1", str(days))


class TouchRow(QPushButton):
    """A big touch row: a bold line that wraps, a detail line and an optional badge. Sized by
    its labels (a plain QPushButton ignores a layout inside it)."""

    def __init__(self, title: str, detail: str = "", badge: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 14, 24, 14)
        column.setSpacing(6)
        top = QHBoxLayout()
        top.setSpacing(16)
        self.title_label = label(title, "key")
        top.addWidget(self.title_label, 1)
        self.badge_label = label(f"「{badge}」" if badge else "", "key", wrap=False)
        self.badge_label.setVisible(bool(badge))
        top.addWidget(self.badge_label, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(top)
        self.detail_label = label(detail, "body")
        self.detail_label.setVisible(bool(detail))
        column.addWidget(self.detail_label)
        for widget in (self.title_label, self.badge_label, self.detail_label):
            widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)

    def text(self) -> str:  # noqa: D102 (tests, the audit and journeys read the visible text)
        parts = [self.title_label.text(), self.badge_label.text(), self.detail_label.text()]
        return "\n".join(p for p in parts if p)

    def sizeHint(self) -> QSize:
        return self.layout().totalSizeHint().expandedTo(self.minimumSize())

    def minimumSizeHint(self) -> QSize:
        return self.layout().totalMinimumSize().expandedTo(self.minimumSize())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self.layout().totalHeightForWidth(width), self.minimumHeight())


class _TapToType(QObject):
    """Opens the on-screen keyboard when the search box is touched."""

    def __init__(self, on_tap, parent: QObject) -> None:
        super().__init__(parent)
        self._on_tap = on_tap

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self._on_tap()
        return False


class CatalogBrowser(QWidget):
    """Tabs 按人生事件 / 按部门 / 一件事 / 搜索 over one scrolling list of big rows."""

    entryChosen = Signal(str)   # catalog code

    def __init__(self, catalog: Catalog, landscape: bool, ctx=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.catalog = catalog
        self.landscape = landscape
        self.tab = ""
        self.category: str | None = None
        self.rows: list[TouchRow] = []
        self.category_buttons: list[TouchRow] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)

        # four tabs do not fit one row of a portrait panel in elder mode: two rows there
        self.tab_bar = QWidget()
        tabs = QGridLayout(self.tab_bar)
        tabs.setContentsMargins(0, 0, 0, 0)
        tabs.setSpacing(12)
        per_row = 4 if landscape else 2
        self.tab_group = QButtonGroup(self)
        self.tab_group.setExclusive(True)
        self.tab_buttons: dict[str, QPushButton] = {}
        texts = (self.tr("Life events"), self.tr("Departments"), self.tr("One-thing bundles"), self.tr("Search"))
        for index, (name, text) in enumerate(zip(TABS, texts, strict=True)):
            tab = button(text)
            tab.setCheckable(True)
            tab.setObjectName(f"tab-{name}")
            tab.clicked.connect(lambda _=False, n=name: self.show_tab(n))
            self.tab_group.addButton(tab)
            self.tab_buttons[name] = tab
            tabs.addWidget(tab, index // per_row, index % per_row)
        column.addWidget(self.tab_bar)

        # landscape panels are only 1080 px high: the search box sits beside the results there
        main = QBoxLayout(QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom)
        main.setSpacing(24 if landscape else 16)
        column.addLayout(main, 1)
        self.search_panel = self._make_search_panel()
        main.addWidget(self.search_panel, 2 if landscape else 0)
        results = QVBoxLayout()
        results.setSpacing(16)
        main.addLayout(results, 3 if landscape else 1)

        header = QHBoxLayout()
        header.setSpacing(16)
        self.up_button = button(self.tr("All categories"))
        self.up_button.clicked.connect(lambda: self.show_tab(self.tab))
        header.addWidget(self.up_button)
        self.heading = label("", "key")
        header.addWidget(self.heading, 1)
        results.addLayout(header)

        self.scroll = inner_scroll()
        results.addWidget(self.scroll, 1)
        # one content widget for the browser's life: its rows are swapped in _fill()
        content = QWidget()
        self._column = QVBoxLayout(content)
        self._column.setContentsMargins(0, 0, 8, 0)
        self._column.setSpacing(12)
        self.scroll.setWidget(content)
        # Portrait: the keyboard spans the width under the results, instead of the quick keywords.
        # Landscape: it sits under the search box, beside the results. The tabs make way for it.
        self.keyboard = self._make_keyboard()
        if self.keyboard is not None:
            if landscape:
                self.search_panel.layout().insertWidget(1, self.keyboard)
            else:
                column.addWidget(self.keyboard)
            self.keyboard.done.connect(self._hide_keyboard)
            self.search_edit.installEventFilter(_TapToType(self._show_keyboard, self.search_edit))
        self.show_tab("events")

    # --- search ---------------------------------------------------------------------------
    def _make_search_panel(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        row = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search-edit")
        self.search_edit.setPlaceholderText(self.tr("Name, pinyin or initials, e.g. sbk"))
        self.search_edit.setClearButtonEnabled(False)
        self.search_edit.textChanged.connect(self._on_query)
        row.addWidget(self.search_edit, 1)
        self.clear_button = button(self.tr("Clear"))
        self.clear_button.clicked.connect(self.search_edit.clear)
        row.addWidget(self.clear_button)
        column.addLayout(row)
        quick = QGridLayout()
        quick.setSpacing(12)
        per_row = 4 if self.landscape else 3    # elder-size buttons that fit the width
        self.keyword_buttons: dict[str, QPushButton] = {}
        for index, word in enumerate(QUICK_KEYWORDS):
            chip = button(word)
            chip.setObjectName(f"keyword-{index}")
            chip.clicked.connect(lambda _=False, w=word: self.search_edit.setText(w))
            quick.addWidget(chip, index // per_row, index % per_row)
            self.keyword_buttons[word] = chip
        self.quick_keywords = QWidget()
        self.quick_keywords.setLayout(quick)
        quick.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.quick_keywords)
        column.addStretch(1)
        return panel

    def _make_keyboard(self):
        try:
            from screens.keyboard import KeyboardPanel
        except ImportError:
            return None     # the pinyin keyboard is optional: quick keywords still work
        panel = KeyboardPanel(self.ctx)
        panel.hide()
        return panel

    def keyboard_fits(self) -> bool:
        """The elder-size pinyin keyboard (about 770 px high) does not fit a 1080-px-high panel
        with the title and the footer: there, the quick keywords are the way to search."""
        return not self.landscape or self.ctx is None or not self.ctx.elder

    def _show_keyboard(self) -> None:
        if self.keyboard is None or not self.keyboard_fits():
            return
        self.keyboard.show_for(self.search_edit, "text")
        self.quick_keywords.hide()      # the panel is only so high: typing or tapping
        self.tab_bar.hide()             # back with 完成 (done) or any other tab's return
        self.keyboard.show()

    def _hide_keyboard(self) -> None:
        if self.keyboard is not None:
            self.keyboard.detach()
            self.keyboard.hide()
        self.quick_keywords.show()
        self.tab_bar.show()

    def search(self, query: str) -> None:
        """Type `query` into the search box (the quick keywords and journeys use this)."""
        self.show_tab("search")
        self.search_edit.setText(query)

    def _on_query(self, text: str) -> None:
        if self.tab != "search":
            return
        query = text.strip()
        if not query:
            self.heading.setText(self.tr("Type or tap a word"))
            self._fill_entries([], empty="")
            return
        found = self.catalog.search(query, limit=30)
        self.heading.setText(self.tr("%1 result(s)").replace("%1", str(len(found))))
        self._fill_entries(found, empty=self.tr("Nothing found. Try another word, or ask the staff for help."))

    # --- tabs -------------------------------------------------------------------------------
    def show_tab(self, name: str) -> None:
        if name not in TABS:
            raise ValueError(f"unknown catalog tab {name!r}")
        self.tab = name
        self.category = None
        self.tab_buttons[name].setChecked(True)
        self.search_panel.setVisible(name == "search")
        if name != "search":
            self._hide_keyboard()
        self.up_button.hide()
        if name == "events":
            self.heading.setText(self.tr("Choose what is happening in your life"))
            self._fill_categories(self.catalog.life_events(), self.catalog.by_life_event)
        elif name == "departments":
            self.heading.setText(self.tr("Choose a department"))
            self._fill_categories(self.catalog.departments(), self.catalog.by_department)
        elif name == "bundles":
            self.heading.setText(self.tr("Several matters, one application"))
            self._fill_entries(list(self.catalog.bundles.values()), empty="")
        else:
            self._on_query(self.search_edit.text())

    def open_category(self, name: str) -> None:
        lookup = self.catalog.by_life_event if self.tab == "events" else self.catalog.by_department
        entries = lookup(name)
        self.category = name
        self.up_button.show()
        self.heading.setText(name)
        self._fill_entries(entries, empty="")

    def _fill_categories(self, names: list[str], lookup) -> None:
        grid_holder = QWidget()
        grid = QGridLayout(grid_holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        columns = 3 if self.landscape else 2
        buttons = []
        for index, name in enumerate(names):
            count = len(lookup(name))
            tile = TouchRow(name, self.tr("%1 service(s)").replace("%1", str(count)))
            tile.setObjectName(f"category-{index}")
            tile.clicked.connect(lambda _=False, n=name: self.open_category(n))
            grid.addWidget(tile, index // columns, index % columns)
            buttons.append(tile)
        for col in range(columns):
            grid.setColumnStretch(col, 1)
        self._fill([grid_holder])
        self.category_buttons = buttons
        self.rows = []

    def _fill_entries(self, entries: list, empty: str) -> None:
        rows = []
        for entry in entries:
            rows.append(self._row_for(entry))
        widgets: list[QWidget] = list(rows)
        if not rows and empty:
            widgets = [label(empty, "body")]
        self._fill(widgets)
        self.rows = rows
        self.category_buttons = []

    def _row_for(self, entry) -> TouchRow:
        merged = self.catalog.merged(entry.code)
        bundle = merged.kind == "bundle"
        detail = self.tr("%1 · promised: %2").replace("%1", entry.department).replace(
            "%2", days_text(merged.time_limit_days))
        row = TouchRow(entry.name, detail, self.tr("One-thing") if bundle else "")
        row.code = entry.code
        row.setObjectName(f"entry-{entry.code}")
        row.clicked.connect(lambda _=False, c=entry.code: self.entryChosen.emit(c))
        return row

    def _fill(self, widgets: list[QWidget]) -> None:
        """Replace the scrolling rows (old ones are deleted by the event loop: a row's click may
        be what called this) and scroll to the top. The content widget stays: taking it out of
        the scroll area re-polished every old row on the way out (~25 ms, measured)."""
        column = self._column
        while column.count():
            old = column.takeAt(0).widget()
            if old is not None:
                old.hide()
                old.deleteLater()
        for widget in widgets:
            column.addWidget(widget)
        column.addStretch(1)
        self.scroll.verticalScrollBar().setValue(0)

    def at_start(self) -> bool:
        """Showing what the next person should see first: the life-event tab's top level."""
        return self.tab == "events" and self.category is None

    def wipe(self) -> None:
        """What was typed is not kept for the next person."""
        self.search_edit.clear()
        if self.keyboard is not None and hasattr(self.keyboard, "reset"):
            self.keyboard.reset()


class _BrowserScreen(Screen):
    """Shared by the two home tiles; only the title and the prompt differ.

    Built once and kept (the browser is the most expensive screen to build, ~120 ms of GUI time):
    it shows nothing personal, and what a person typed is wiped when their session ends."""

    session_scoped = False
    starts_session = True

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.browser: CatalogBrowser | None = None
        try:
            catalog = catalog_of(ctx)
        except CatalogError as exc:
            log.error("catalog unavailable: %s", exc)
            self.body.addWidget(label(self.tr("The list of services cannot be shown right now. "
                                              "Please ask at the service hall window."), "error"))
            self.body.addStretch(1)
            return
        # built inside the screen: a tree built on its own is polished again when it joins
        self.browser = CatalogBrowser(catalog, ctx.landscape, ctx,
                                      parent=self.body_scroll.widget())
        self.browser.entryChosen.connect(self.open_guide)
        self.body.addWidget(self.browser, 1)

    @classmethod
    def build_ahead(cls, ctx) -> bool:
        """Built in an idle moment before the first visit (a cold build is ~25 ms of GUI time),
        once the catalog service has loaded the catalog (reading it here would stall the GUI)."""
        return ctx.services.catalog is not None

    def open_guide(self, code: str) -> None:
        self.ctx.flow.go("guide", code=code)

    def wipe(self) -> None:
        if self.browser is not None:
            self.browser.wipe()

    def reset_for_next_person(self) -> None:
        self.wipe()
        if self.browser is None:
            return
        if self.browser.at_start():   # already the first view: rebuilding it cost ~35 ms per browser
            self.browser.scroll.verticalScrollBar().setValue(0)
        else:
            self.browser.show_tab("events")

    @classmethod
    def sample(cls, ctx) -> dict:
        return {}       # nothing personal: the browser opens on the life-event tab


class CatalogScreen(_BrowserScreen):
    name = "catalog"

    def title(self) -> str:
        return self.tr("Choose what you want to apply for")

    def voice_prompt(self) -> str:
        return self.tr("Choose a life event, a department, a one-thing bundle, or search.")


class GuideBrowseScreen(_BrowserScreen):
    name = "guide_browse"

    def title(self) -> str:
        return self.tr("Service guides")

    def voice_prompt(self) -> str:
        return self.tr("Choose a service to see what to bring and how long it takes.")


SCREENS = (CatalogScreen, GuideBrowseScreen)
