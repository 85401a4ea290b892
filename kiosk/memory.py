"""Keep a terminal that runs for months at a flat, small resident size.

Three things the soak found (`kioskctl bench soak`, issue 10):

- PySide6's import hook (shibokensupport `feature_imported`) asks `inspect.getsource()` of every
  module imported after PySide6, which loads each source file into `linecache`: ~1,200 files,
  ~40 MB of Python strings that nothing needs again (a traceback reloads its own lines).
- glibc gives each thread that allocates its own malloc arena (up to 8 per core), and keeps
  freed memory inside them; camera frames (6 MB each), receipt renders and screens built and
  destroyed per session leave tens of MB free but resident. One arena is enough: the GUI thread
  does the allocating, workers mostly wait on I/O, and most allocation happens under the GIL
  anyway. A second arena's pages fragment on their own: 40-session soaks grew RSS by +4.0 and
  +4.4 MB with two arenas, +2.1 and +2.2 MB with one.
- glibc raises its mmap threshold to the size of the largest block it has freed (up to 32 MB):
  after the first camera frame every later frame comes from the heap instead of its own mapping,
  and the heap grows around them (92 MB of heap address space after a 40-session soak). A fixed
  threshold (glibc's starting 128 KiB) keeps big buffers in mappings that go back to the system
  on free: 44 MB of heap, the same sessions.
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
M_ARENA_MAX = -8          # glibc mallopt parameters
M_MMAP_THRESHOLD = -3
ARENAS = 1
MMAP_THRESHOLD = 128 * 1024
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
    """Cap the malloc arenas and fix the mmap threshold; call early, before the worker threads
    start allocating."""
    libc = _glibc()
    if libc is None:
        return
    for name, parameter, value in (("M_ARENA_MAX", M_ARENA_MAX, ARENAS),
                                   ("M_MMAP_THRESHOLD", M_MMAP_THRESHOLD, MMAP_THRESHOLD)):
        if not libc.mallopt(parameter, value):
            log.warning("mallopt(%s, %d) refused", name, value)


def release_memory() -> None:
    """Between sessions: drop cached source lines and return free pages to the OS. Trimming
    walks every arena (tens of ms on a big heap) and needs no GIL: it runs on a short-lived
    thread so the GUI thread never stalls on it."""
    linecache.clearcache()
    libc = _glibc()
    if libc is not None:
        threading.Thread(target=libc.malloc_trim, args=(0,), name="memory-trim", daemon=True).start()
