"""The catalog served at GET /v1/catalog, read from a folder of *.json files.

Each file is an object with optional "matters" and "bundles" lists; files are concatenated in
name order. Read on every request (the folder is small) so no copy lives in process memory
and an edited folder is served at once; the ETag changes exactly when the content does.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from central.errors import ApiError

DEFAULT_CATALOG_DIR = Path(__file__).resolve().parents[1] / "config" / "catalog"


def load_catalog(folder: Path) -> dict[str, Any]:
    """{"version", "matters", "bundles"}; raises ApiError(500, "catalog_invalid") naming the
    file and problem when a file is not usable."""
    matters: list[Any] = []
    bundles: list[Any] = []
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ApiError(500, "catalog_invalid", f"{path.name}: {exc}") from exc
        if not isinstance(data, dict):
            raise ApiError(500, "catalog_invalid", f"{path.name}: top level must be an object")
        for key, target in (("matters", matters), ("bundles", bundles)):
            items = data.get(key, [])
            if not isinstance(items, list):
                raise ApiError(500, "catalog_invalid", f"{path.name}: '{key}' must be a list")
            target.extend(items)
    content = {"matters": matters, "bundles": bundles}
    return {"version": catalog_etag(content), **content}


def catalog_etag(content: dict[str, Any]) -> str:
    """sha256 hex of the canonical JSON (sorted keys, compact, UTF-8)."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110 weak comparison over a list of entity tags (or "*")."""
    if not if_none_match:
        return False
    for tag in if_none_match.split(","):
        tag = tag.strip()
        if tag == "*":
            return True
        tag = tag.removeprefix("W/")
        if tag.strip('"') == etag:
            return True
    return False
