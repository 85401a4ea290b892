"""Child processes that must not outlive their starter (platform workers, device simulators)."""

from __future__ import annotations

import ctypes
import signal

PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """For Popen(preexec_fn=...), in the child before exec: the kernel sends SIGTERM when the
    starting thread ends, even by SIGKILL (Linux/glibc; elsewhere the starter's stop() still
    ends the child). Start such children from the main thread: the tie is to the thread."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass  # no glibc here: nothing to set, and logging between fork and exec is unsafe
