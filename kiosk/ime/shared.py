"""One shared dictionary for the whole kiosk, loaded once, optionally in a background thread
at start-up (`preload()`) so the first keystroke does not wait for the file."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from kiosk.ime.dictionary import PinyinDictionary

log = logging.getLogger(__name__)

DEFAULT_INDEX = Path(__file__).resolve().parent.parent.parent / "config" / "ime" / "pinyin_index.txt"

_lock = threading.Lock()
_loaded: PinyinDictionary | None = None
_thread: threading.Thread | None = None


def shared_dictionary() -> PinyinDictionary:
    """The dictionary from the shipped index; loads it now if `preload()` has not finished."""
    global _loaded
    thread = _thread
    if thread is not None:
        thread.join()
    with _lock:
        if _loaded is None:
            _loaded = PinyinDictionary.load(DEFAULT_INDEX)
        return _loaded


def preload() -> threading.Thread | None:
    """Start loading in a background thread (returns it, or None when already loaded)."""
    global _thread
    with _lock:
        if _loaded is not None or (_thread is not None and _thread.is_alive()):
            return _thread

        def run() -> None:
            try:
                shared_dictionary_loaded()
            except Exception:
                log.exception("pinyin index preload failed; it will be retried on first use")

        _thread = threading.Thread(target=run, name="ime-preload", daemon=True)
        _thread.start()
        return _thread


def shared_dictionary_loaded() -> PinyinDictionary:
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = PinyinDictionary.load(DEFAULT_INDEX)
        return _loaded
