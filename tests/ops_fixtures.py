"""Real parts for the provisioning and self-test tests: the ID-card simulator on a pty (with a
symlink, as a technician would name it), the virtual ESC/POS printer on TCP, the reference
platform on loopback with a one-time code."""

from __future__ import annotations

import pytest

from central.admin import issue_code
from central.server import PlatformServer
from drivers.idcard.simulator import IdCardSimulator
from drivers.printer.virtual import VirtualPrinter


@pytest.fixture
def reader_sim(tmp_path):
    sim = IdCardSimulator(115200, link_path=tmp_path / "ttyReader").start()
    yield sim
    sim.stop()


@pytest.fixture
def printer_sim(tmp_path):
    vp = VirtualPrinter(port=0, out_dir=tmp_path / "printed")
    vp.start()
    yield vp
    vp.stop()


@pytest.fixture
def platform(tmp_path):
    server = PlatformServer(f"sqlite:///{tmp_path / 'platform.db'}").start()
    yield server
    server.stop()


def code_for(server: PlatformServer, site: str = "431002") -> str:
    return issue_code(server.db_url, site)
