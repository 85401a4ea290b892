"""`python -m central.server --workers N`: one port served by N worker processes on one
database, all stopped with the supervisor (SIGTERM, or its death)."""

from __future__ import annotations

import uuid as uuidlib

import psutil
import requests

from central.server import PlatformServer
from tests.central_helpers import SignedClient, enrolled_client, submission_body


def test_two_workers_serve_one_port_and_stop_with_the_supervisor(tmp_path):
    server = PlatformServer(f"sqlite:///{tmp_path / 'platform.db'}", mode="process",
                            workers=2).start()
    try:
        supervisor = psutil.Process(server._process.pid)
        workers = supervisor.children()
        assert len(workers) == 2
        device_id, key = enrolled_client(server)
        # Separate connections, so both workers are likely to take some.
        for _ in range(6):
            client = SignedClient(server.url, device_id, key)
            item = str(uuidlib.uuid4())
            reply = client.put(f"/v1/submissions/{item}",
                               json=submission_body(item, receipt_no=item))
            assert reply.status_code == 201, reply.text
            client.http.close()
        assert requests.get(f"{server.url}/v1/health", timeout=5).json()["status"] == "ok"
    finally:
        server.stop()
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive


def test_workers_die_with_a_killed_supervisor(tmp_path):
    server = PlatformServer(f"sqlite:///{tmp_path / 'platform.db'}", mode="process",
                            workers=2).start()
    workers = psutil.Process(server._process.pid).children()
    server._process.kill()
    server._process.wait()
    gone, alive = psutil.wait_procs(workers, timeout=10)
    for straggler in alive:
        straggler.kill()
    assert not alive
    server._process = None
