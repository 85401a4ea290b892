"""A platform started in process mode (the demo rig's, the soak's) ends when whoever started
it is killed outright: a killed soak used to leave its platform serving."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import psutil
import pytest

STARTER = textwrap.dedent("""
    import sys, time
    from central.server import PlatformServer
    server = PlatformServer(sys.argv[1], mode="process").start()
    print(server.pid, flush=True)
    time.sleep(120)
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux")
def test_platform_ends_when_its_starter_is_killed(tmp_path):
    starter = subprocess.Popen([sys.executable, "-c", STARTER, f"sqlite:///{tmp_path / 'p.db'}"],
                               stdout=subprocess.PIPE, text=True, cwd=os.getcwd())
    platform = None
    try:
        line = starter.stdout.readline()
        assert line.strip().isdigit(), f"the starter printed {line!r}, not the platform's pid"
        platform = psutil.Process(int(line))
        assert platform.is_running()
        starter.send_signal(signal.SIGKILL)     # no clean-up runs in the starter
        starter.wait(10)
        gone, _alive = psutil.wait_procs([platform], timeout=10)
        assert gone, "the platform outlived the process that started it"
    finally:
        if starter.poll() is None:
            starter.kill()
        if platform is not None and platform.is_running():
            platform.kill()     # orphaned (the failure this test is about): not our child any more
