"""Workarounds for defects of the Qt binding in use, each with the test that says when to drop it.

PySide6 6.12.0: `SignalInstance.emit()` returns `True` without a new reference. On Python 3.11
each emit from Python costs `True` one reference; the process aborts ("Fatal Python error:
bool_dealloc: deallocating True or False") once the count reaches zero. The camera alone emits
two signals a frame: the soak died at session ~85 (2,400 frames). Python 3.12+ makes True and
False immortal; on 3.11 we do the same by giving them 2**40 extra references once (a million
emits a second would need 12 days to use them up). tests/test_soak_memory.py fails once PySide6
is fixed, so this can be removed then.

PySide6 6.12.0 also returns `None` from every void method (setText, processEvents, …) without
a new reference: each call costs `None` one (measured: 100,000 QLabel.setText calls abort the
process with "none_dealloc: deallocating None"; `None` starts near 5,000). `None` gets the
same treatment; tests/test_soak_memory.py says when PySide6 stops needing it.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)
EXTRA_REFERENCES = 1 << 40
_done = False


def make_singletons_immortal() -> None:
    """Idempotent; does nothing on Python 3.12+ (already immortal) or a non-CPython runtime."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for value in (True, False, None):
        # ob_refcnt is the first field of every CPython object
        ctypes.c_ssize_t.from_address(id(value)).value += EXTRA_REFERENCES
    _done = True
    log.info("True/False/None given %d extra references (PySide6 reference bugs)", EXTRA_REFERENCES)
