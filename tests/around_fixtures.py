"""Real parts for the around-the-application tests: the offline store in a tmp dir, the virtual
printer on loopback behind a PrinterService, the reference platform with an enrolled client and
a sync engine (not started: calls happen on the screens' own workers)."""

from __future__ import annotations

import pytest

from tests.store_fixtures import open_store


@pytest.fixture
def store(tmp_path):
    made = open_store(tmp_path / "store")
    yield made
    made.close()


@pytest.fixture
def vprinter(tmp_path):
    from drivers.printer.virtual import VirtualPrinter
    vp = VirtualPrinter(port=0, out_dir=tmp_path / "printed", width_mm=80).start()
    yield vp
    vp.stop()


@pytest.fixture
def printer(qtbot, vprinter):
    from kiosk.services.printer import PrinterService
    service = PrinterService(vprinter.uri, 80, "TM-T88V", True, poll_interval_s=60, timeout_s=2.0)
    with qtbot.waitSignal(service.statusChanged, timeout=5000):
        service.start()
    yield service
    service.stop()


@pytest.fixture
def platform(tmp_path):
    from central.server import PlatformServer
    server = PlatformServer(f"sqlite:///{tmp_path / 'platform.db'}").start()
    yield server
    server.stop()


@pytest.fixture
def engine(platform, store):
    from kiosk.sync.client import PlatformClient
    from kiosk.sync.engine import SyncEngine
    from tests.central_helpers import enrolled_client
    device_id, key = enrolled_client(platform)
    client = PlatformClient(platform.url, device_id=device_id, key=key, connect_timeout=2,
                            read_timeout=10)
    made = SyncEngine(store, client, app_version="test")
    yield made
    made.stop()          # also ends the sender's worker pool
    client.close()
