"""Shared set-up of the sync tests: a reference platform on loopback and an enrolled kiosk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from central.admin import issue_code
from central.server import PlatformServer
from kiosk.sync.engine import EngineSettings, SyncEngine
from kiosk.sync.enrolment import Enrolment, client_for, enroll
from offline_store import Store

# Connections are reused as in production: the reference server sets TCP_NODELAY now, so a
# reused connection no longer stalls ~40 ms per reply (delayed ACK).
KEEP_ALIVE = True
FAST = EngineSettings(backoff_min_s=0.005, backoff_max_s=0.05, heartbeat_s=3600,
                      netwatch_s=0.2)


@dataclass
class Kiosk:
    data_dir: Path
    enrolment: Enrolment
    store: Store
    engine: SyncEngine

    def close(self) -> None:
        self.engine.stop()
        self.engine.client.close()
        self.store.close()


def enrolled_kiosk(server: PlatformServer, data_dir: Path, settings: EngineSettings = FAST,
                   **engine_kw) -> Kiosk:
    enrolment = enroll(data_dir, server.url, issue_code(server.db_url, "431002"), "测试终端")
    store = Store.open(data_dir, site_code=enrolment.site_code,
                       device_code=enrolment.device_code, min_free_mb=0, create_key=True)
    client = client_for(data_dir, connect_timeout=2, read_timeout=5, keep_alive=KEEP_ALIVE)
    engine = SyncEngine(store, client, app_version="test", settings=settings, **engine_kw)
    return Kiosk(data_dir, enrolment, store, engine)
