"""The committed OpenAPI document (central/openapi.json) and how it is produced."""

from __future__ import annotations

import json
from pathlib import Path

OPENAPI_PATH = Path(__file__).with_name("openapi.json")


def openapi_text() -> str:
    """The document generated from the app, as committed (stable key order, UTF-8)."""
    from central.app import create_app

    document = create_app("sqlite://").openapi()
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_openapi(path: Path = OPENAPI_PATH) -> Path:
    path.write_text(openapi_text(), encoding="utf-8")
    return path
