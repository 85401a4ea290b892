"""Lock-down inside the app: drop context menus and the few key combinations that could end or
escape the kiosk. Other keys pass, because a keyboard-wedge scanner types real keys."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt

log = logging.getLogger(__name__)

_FUNCTION_KEYS = {getattr(Qt.Key, f"Key_F{i}") for i in range(1, 36)}
_META_KEYS = {Qt.Key.Key_Meta, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_Menu}


def is_blocked_key(key: int, modifiers: Qt.KeyboardModifier) -> bool:
    key = Qt.Key(key)
    if key in _FUNCTION_KEYS or key in _META_KEYS:
        return True
    if modifiers & Qt.KeyboardModifier.MetaModifier:
        return True
    if modifiers & Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_Q, Qt.Key.Key_W):
        return True
    if modifiers & Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_F4, Qt.Key.Key_Tab):
        return True
    return False


GUARDED_EVENTS = frozenset({QEvent.Type.ContextMenu, QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride,
                            QEvent.Type.KeyRelease})


class KeyGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind == QEvent.Type.ContextMenu:
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.KeyRelease):
            if is_blocked_key(event.key(), event.modifiers()):
                if kind == QEvent.Type.KeyPress:
                    log.info("blocked key", extra={"fields": {"key": int(event.key())}})
                return True
        return False
