"""The session: everything about the person at the terminal, in one place, so ending it can wipe
it all. Screens keep their widgets; the session keeps the data; the flow destroys both."""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass
class Staff:
    staff_id: str
    name: str


@dataclass
class Session:
    session_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    started_at: float = field(default_factory=time.monotonic)
    person: Any = None                      # the card read (or manual identity in assisted mode)
    entry: Any = None                       # the chosen matter or bundle code
    data: dict[str, Any] = field(default_factory=dict)   # form answers, materials, delivery …
    assisted_by: Staff | None = None        # set while a helper is signed in
    _temp_dir: Path | None = None
    ended: bool = False

    def temp_dir(self) -> Path:
        """A private folder for this session's scratch files; removed when the session ends."""
        if self._temp_dir is None:
            self._temp_dir = Path(tempfile.mkdtemp(prefix="kiosk-session-"))
            self._temp_dir.chmod(0o700)
        return self._temp_dir

    def wipe(self, reason: str) -> None:
        """Drop everything about the person. Safe to call twice."""
        self.person = None
        self.entry = None
        self.data.clear()
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=False)
            self._temp_dir = None
        self.ended = True
        log.info("session ended", extra={"fields": {"session": self.session_id, "reason": reason,
                                                     "seconds": round(time.monotonic() - self.started_at, 1)}})
