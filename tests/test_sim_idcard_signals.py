"""`kioskctl sim idcard --control` stops on SIGTERM even while it waits for its next stdin
line (the demo rig's pipe can stay open): an orphaned simulator used to run on for an hour."""

from __future__ import annotations

import signal
import subprocess
import sys


def test_control_mode_simulator_ends_on_sigterm_while_reading_stdin():
    sim = subprocess.Popen([sys.executable, "-m", "kiosk.cli.main", "sim", "idcard", "--control"],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
    try:
        device = sim.stdout.readline().strip()
        assert device.startswith("/dev/"), f"first line should be the device path, got {device!r}"
        sim.send_signal(signal.SIGTERM)          # stdin stays open: the read must not hold it
        assert sim.wait(timeout=10) == 0
    finally:
        if sim.poll() is None:
            sim.kill()
            sim.wait()
        sim.stdin.close()
