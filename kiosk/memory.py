"""Keep a terminal that runs for months at a flat, small resident size.

Three things the soak found (`kioskctl bench soak`, issue 10):

- PySide6's import hook (shibokensupport `feature_imported`) asks `inspect.getsource()` of every
  module imported after PySide6, which loads each source file into `linecache`: ~1,200 files,
  ~40 MB of Python strings that nothing needs again (a traceback reloads its own lines).
- glibc gives each thread that allocates its own malloc arena (up to 8 per core), and keeps
  freed memory inside them; camera frames (6 MB each), receipt renders and screens built and
  destroyed per session leave tens of MB free but resident. Two arenas are plenty here: the GUI
  thread does the allocating, workers mostly wait on I/O.
- `malloc_trim(0)` after a session hands the free pages of every arena back to the system.

Everything here is best effort: on a C library without these calls it does nothing (logged once).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import linecache
import logging
import threading

log = logging.getLogger(__name__)
M_ARENA_MAX = -8   # glibc mallopt parameter
ARENAS = 2
_libc = None


def _glibc():
    global _libc
    if _libc is None:
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
            libc.malloc_trim, libc.mallopt  # noqa: B018 - both must exist (glibc)
            _libc = libc
        except (OSError, AttributeError) as exc:
            log.info("allocator tuning unavailable (not glibc?): %s", exc)
            _libc = False
    return _libc or None


def tune_allocator() -> None:
    """Cap the malloc arenas; call early, before the worker threads start allocating."""
    libc = _glibc()
    if libc is not None and not libc.mallopt(M_ARENA_MAX, ARENAS):
        log.warning("mallopt(M_ARENA_MAX, %d) refused", ARENAS)


def release_memory() -> None:
    """Between sessions: drop cached source lines and return free pages to the OS. Trimming
    walks every arena (tens of ms on a big heap) and needs no GIL: it runs on a short-lived
    thread so the GUI thread never stalls on it."""
    linecache.clearcache()
    libc = _glibc()
    if libc is not None:
        threading.Thread(target=libc.malloc_trim, args=(0,), name="memory-trim", daemon=True).start()
