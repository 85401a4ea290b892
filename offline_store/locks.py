"""The sender lock: one process/thread sends at a time (flock on a file in the data dir).

flock is released by the kernel when the holder dies, so a SIGKILLed sender never leaves a
stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import threading
from pathlib import Path
from typing import Self


class SenderLock:
    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / "sender.lock"
        self._fd: int | None = None
        self._thread_lock = threading.Lock()

    def acquire(self, blocking: bool = True) -> bool:
        if not self._thread_lock.acquire(blocking=blocking):
            return False
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(fd)
            self._thread_lock.release()
            return False
        except BaseException:
            os.close(fd)
            self._thread_lock.release()
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
            self._thread_lock.release()

    def __enter__(self) -> Self:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
