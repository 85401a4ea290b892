"""Voice guidance: a recorded prompt (config/voice/<prompt_id>.wav) when one exists, else Qt
text-to-speech with the first real engine available, else silence. Screens call
`say(prompt_id, text)` from Screen.enter(); the kiosk decides whether voice is on (elder mode).

Qt Multimedia and Qt TextToSpeech are loaded on the first prompt, not at start-up."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QObject, QUrl

from kiosk.config import REPO_ROOT

log = logging.getLogger(__name__)

PROMPT_DIR = REPO_ROOT / "config" / "voice"
# Real engines first; "mock" is Qt's test engine and speaks nothing.
ENGINE_PREFERENCE = ("speechd", "flite", "sapi", "winrt", "darwin", "android")
_PROMPT_ID = re.compile(r"^[a-z0-9_-]{1,64}$")


def prompt_file(prompt_id: str, prompt_dir: Path = PROMPT_DIR) -> Path | None:
    """The recording for `prompt_id`, if there is one (ids are screen names: no paths)."""
    if not _PROMPT_ID.match(prompt_id or ""):
        return None
    path = prompt_dir / f"{prompt_id}.wav"
    return path if path.is_file() else None


def choose_engine(available: list[str]) -> str | None:
    for name in ENGINE_PREFERENCE:
        if name in available:
            return name
    return None


class VoiceService(QObject):
    def __init__(self, prompt_dir: Path = PROMPT_DIR, locale: str = "zh_CN",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.prompt_dir = Path(prompt_dir)
        self.locale = locale
        self._effect = None
        self._tts = None
        self._tts_tried = False
        self.last_backend: str | None = None    # "file" | "tts" | "silent" (for health/tests)

    def say(self, prompt_id: str, text: str) -> None:
        self.stop_speaking()
        path = prompt_file(prompt_id, self.prompt_dir)
        if path is not None and self._play(path):
            self.last_backend = "file"
            return
        tts = self._speech()
        if tts is not None and text:
            tts.say(text)
            self.last_backend = "tts"
            return
        self.last_backend = "silent"

    def _play(self, path: Path) -> bool:
        from PySide6.QtMultimedia import QSoundEffect

        if self._effect is None:
            self._effect = QSoundEffect(self)
        self._effect.setSource(QUrl.fromLocalFile(str(path)))
        self._effect.play()
        return True

    def _speech(self):
        if self._tts_tried:
            return self._tts
        self._tts_tried = True
        try:
            from PySide6.QtCore import QLocale
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as exc:
            log.warning("voice: Qt TextToSpeech not installed (%s); prompts are silent", exc)
            return None
        engine = choose_engine(QTextToSpeech.availableEngines())
        if engine is None:
            log.warning("voice: no text-to-speech engine (have %s); prompts without a recording "
                        "are silent", QTextToSpeech.availableEngines())
            return None
        tts = QTextToSpeech(engine, self)
        if tts.state() == QTextToSpeech.State.Error:
            log.warning("voice: engine %s failed: %s", engine, tts.errorString())
            return None
        tts.setLocale(QLocale(self.locale))
        self._tts = tts
        log.info("voice: text-to-speech engine %s", engine)
        return tts

    def stop_speaking(self) -> None:
        if self._effect is not None:
            self._effect.stop()
        if self._tts is not None:
            self._tts.stop()

    def stop(self) -> None:
        self.stop_speaking()


class RecordingVoice:
    """Test double: remembers what would have been said."""

    def __init__(self) -> None:
        self.said: list[tuple[str, str]] = []

    def say(self, prompt_id: str, text: str) -> None:
        self.said.append((prompt_id, text))

    def stop(self) -> None:
        pass
