"""The catalog as the reference platform serves it, over real HTTP on loopback: the payload
loads with Catalog.from_payload, and the bundled sample's version equals the platform's ETag."""

from __future__ import annotations

import pytest
from test_catalog_loader import SAMPLE_DIR

from kiosk.catalog import Catalog

central_helpers = pytest.importorskip("central_helpers")


def test_platform_payload_loads_and_etag_matches_the_bundled_version(tmp_path):
    bundled = Catalog.load_dir(SAMPLE_DIR)
    with central_helpers.running_platform("sqlite", tmp_path, catalog_dir=SAMPLE_DIR) as server:
        device_id, key = central_helpers.enrolled_client(server)
        client = central_helpers.SignedClient(server.url, device_id, key)
        reply = client.get("/v1/catalog")
        assert reply.status_code == 200, reply.text
        served = Catalog.from_payload(reply.json())
        assert served.source == "platform"
        assert set(served.matters) == set(bundled.matters) and set(served.bundles) == set(bundled.bundles)
        assert served.version == bundled.version
        assert reply.headers["ETag"].strip('"') == bundled.version
        again = client.get("/v1/catalog", headers={"If-None-Match": f'"{bundled.version}"'})
        assert again.status_code == 304
