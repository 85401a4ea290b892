"""Fault injection as a real HTTP client sees it (requests over loopback TCP)."""

from __future__ import annotations

import time
import uuid as uuidlib

import pytest
import requests
from central_helpers import SignedClient, enrolled_client, running_platform, submission_body

from central.admin import stats
from central.faults import FaultSpec
from central.server import PlatformServer


def _client(server) -> SignedClient:
    device_id, key = enrolled_client(server)  # enrolment is never faulted
    return SignedClient(server.url, device_id, key)


def _exception_chain(exc: BaseException) -> list[BaseException]:
    chain = []
    while exc is not None:
        chain.append(exc)
        exc = exc.__cause__ or exc.__context__ or (exc.args[1] if len(exc.args) > 1 and
                                                   isinstance(exc.args[1], BaseException)
                                                   else None)
    return chain


def test_fail_answers_503_json_but_health_and_enrol_are_spared(tmp_path):
    with running_platform("sqlite", tmp_path, faults="fail=1") as server:
        assert requests.get(f"{server.url}/v1/health", timeout=10).status_code == 200
        client = _client(server)
        reply = client.post("/v1/heartbeat", json={"app_version": "1"})
        assert reply.status_code == 503
        assert reply.json()["error"] == "injected_failure"
        assert requests.get(f"{server.url}/status", timeout=10).status_code == 200


def test_captive_portal_is_an_html_200(tmp_path):
    with running_platform("sqlite", tmp_path, faults="captive=1") as server:
        client = _client(server)
        uuid = str(uuidlib.uuid4())
        reply = client.put(f"/v1/submissions/{uuid}", json=submission_body(uuid))
        assert reply.status_code == 200
        assert reply.headers["content-type"].startswith("text/html")
        with pytest.raises(ValueError):
            reply.json()
        assert stats(server.db_url)["submissions"] == 0


def test_reset_cuts_the_connection_before_anything_is_done(tmp_path):
    with running_platform("sqlite", tmp_path, faults="reset=1") as server:
        client = _client(server)
        uuid = str(uuidlib.uuid4())
        with pytest.raises(requests.ConnectionError) as caught:
            client.put(f"/v1/submissions/{uuid}", json=submission_body(uuid))
        assert any(isinstance(e, ConnectionResetError) for e in _exception_chain(caught.value))
        assert stats(server.db_url)["submissions"] == 0


def test_drop_after_commit_stores_but_never_replies_and_a_retry_gets_the_same_ref(tmp_path):
    uuid = str(uuidlib.uuid4())
    body = submission_body(uuid)
    with running_platform("sqlite", tmp_path, faults="drop_after_commit=1") as server:
        client = _client(server)
        with pytest.raises(requests.ConnectionError):
            client.put(f"/v1/submissions/{uuid}", json=body)
        assert stats(server.db_url)["submissions"] == 1
        db_url, port = server.db_url, server.port
    # The network heals: the kiosk retries the same item and must get plain success.
    with PlatformServer(db_url, port=port) as healed:
        client.url = healed.url
        retry = client.put(f"/v1/submissions/{uuid}", json=body)
        assert retry.status_code == 200
        assert retry.json()["platform_ref"].startswith("P")
        assert stats(db_url)["submissions"] == 1


def test_latency_delays_data_requests(tmp_path):
    with running_platform("sqlite", tmp_path, faults="latency_ms=300") as server:
        client = _client(server)
        started = time.monotonic()
        assert client.get("/v1/queue/social").status_code == 200
        assert time.monotonic() - started >= 0.3


def test_probabilities_mix_outcomes_repeatably(tmp_path):
    with running_platform("sqlite", tmp_path, faults="fail=0.5,seed=7") as server:
        client = _client(server)
        codes = [client.get("/v1/queue/social").status_code for _ in range(30)]
    assert set(codes) == {200, 503}


@pytest.mark.parametrize("spec, message", [
    ("fail", "key=value"),
    ("explode=0.5", "explode"),
    ("fail=lots", "not a number"),
    ("reset=1.5", "0..1"),
    ("latency_ms=-1", ">= 0"),
])
def test_bad_fault_specs_are_named(spec, message):
    with pytest.raises(ValueError, match=message):
        FaultSpec.parse(spec)


def test_fault_spec_parses_every_key():
    spec = FaultSpec.parse("fail=0.1, drop_after_commit=0.2,reset=0.3,captive=0.4,"
                           "latency_ms=50,seed=3")
    assert spec == FaultSpec(0.1, 0.2, 0.3, 0.4, 50, 3)
    assert not FaultSpec.parse("").active
