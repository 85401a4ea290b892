"""Qt Linguist translations. Source strings are English; Chinese (zh_CN, the default) comes
from config/i18n/kiosk_zh_CN.ts, compiled to .qm by the set-up (scripts/i18n.py build)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from kiosk.config import REPO_ROOT

log = logging.getLogger(__name__)
I18N_DIR = REPO_ROOT / "config" / "i18n"
LANGUAGES = ("zh_CN", "en")


class Translations:
    """Installs the app's and Qt's own translators for one language at a time."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []

    def remove(self) -> None:
        app = QCoreApplication.instance()
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed.clear()

    def install(self, language: str) -> None:
        app = QCoreApplication.instance()
        self.remove()
        if language == "en":
            return
        paths = sorted(I18N_DIR.glob(f"*_{language}.qm"))
        if not paths:
            log.error("no translation files for %s in %s (run scripts/i18n.py build)", language, I18N_DIR)
        for path in paths:
            ours = QTranslator(app)
            if not ours.load(str(path)):
                log.error("translation file unreadable: %s (run scripts/i18n.py build)", path)
                continue
            app.installTranslator(ours)
            self._installed.append(ours)
        qt_own = QTranslator(app)
        if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_own)
            self._installed.append(qt_own)
