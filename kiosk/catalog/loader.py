"""Loading and validating the catalog: from a folder of JSON files (the bundled sample), from the
platform's payload, or from the cached payload with the bundled sample as fallback.

File format (shared with central/, which serves the folder concatenated): every *.json file is
an object with optional "matters" and "bundles" lists. Files are read in name order.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kiosk.catalog.errors import CatalogError
from kiosk.catalog.merge import MergedApplication, merge_bundle, merge_matter
from kiosk.catalog.schema import Bundle, Matter
from kiosk.catalog.search import SearchIndex

log = logging.getLogger(__name__)

TOP_LEVEL_KEYS = {"matters", "bundles", "version", "comment"}


class Catalog:
    """The matters and bundles a kiosk offers. Immutable once loaded; validated as a whole."""

    def __init__(
        self,
        matters: list[Matter],
        bundles: list[Bundle],
        source: str,
        version: str,
        origins: dict[str, str] | None = None,
    ) -> None:
        """`origins`: entry code → file it came from (for error messages)."""
        origins = origins or {}
        self.matters: dict[str, Matter] = {m.code: m for m in matters}
        self.bundles: dict[str, Bundle] = {b.code: b for b in bundles}
        self.source = source
        self.version = version
        # Merge every bundle now: a bundle whose matters contradict each other is a catalog error
        # found by `kioskctl catalog check`, not by a resident at the kiosk.
        self._merged: dict[str, MergedApplication] = {}
        for bundle in bundles:
            try:
                self._merged[bundle.code] = merge_bundle(bundle, self.matters)
            except CatalogError as exc:
                raise CatalogError(f"{origins.get(bundle.code, source)}: {exc}") from None
        for matter in matters:
            self._merged[matter.code] = merge_matter(matter)
        entries = [*bundles, *matters]
        self._index = SearchIndex(
            entries,
            {b.code: [self.matters[c].name for c in b.matter_codes()] for b in bundles},
        )

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def load_dir(cls, path: str | Path) -> Catalog:
        """Read every *.json file of `path`; raises CatalogError("file: entry CODE: field X: …")."""
        folder = Path(path)
        if not folder.is_dir():
            raise CatalogError(f"{folder}: catalog folder not found")
        files = sorted(folder.glob("*.json"))
        if not files:
            raise CatalogError(f"{folder}: no *.json catalog files")
        raw_parts = []
        for file in files:
            try:
                text = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise CatalogError(f"{file}: cannot read: {exc}") from None
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise CatalogError(
                    f"{file}: not valid JSON: line {exc.lineno} column {exc.colno} "
                    f"(byte {exc.pos}): {exc.msg}"
                ) from None
            raw_parts.append((str(file), data))
        return cls._build(raw_parts, source=str(folder))

    @classmethod
    def from_payload(cls, payload: dict[str, Any], source: str = "platform") -> Catalog:
        """From the platform's {"version", "matters", "bundles"} (or a cached copy of it)."""
        return cls._build([(source, payload)], source=source)

    @classmethod
    def _build(cls, parts: list[tuple[str, Any]], source: str) -> Catalog:
        matters: list[Matter] = []
        bundles: list[Bundle] = []
        seen: dict[str, str] = {}
        raw_entries: dict[str, list] = {"matters": [], "bundles": []}
        for origin, data in parts:
            if not isinstance(data, dict):
                raise CatalogError(f"{origin}: top level must be an object with 'matters' and/or 'bundles'")
            unknown = sorted(set(data) - TOP_LEVEL_KEYS)
            if unknown:
                raise CatalogError(f"{origin}: unknown top-level key '{unknown[0]}' (expected matters, bundles)")
            for kind, model, target in (("matters", Matter, matters), ("bundles", Bundle, bundles)):
                entries = data.get(kind, [])
                if not isinstance(entries, list):
                    raise CatalogError(f"{origin}: '{kind}' must be a list")
                for index, raw in enumerate(entries):
                    entry = _validate(model, raw, origin, kind, index)
                    if entry.code in seen:
                        raise CatalogError(
                            f"{origin}: entry {entry.code}: code already used in {seen[entry.code]}"
                        )
                    seen[entry.code] = origin
                    target.append(entry)
                    raw_entries[kind].append(raw)
        for bundle in bundles:
            for code in bundle.matter_codes():
                if code not in {m.code for m in matters}:
                    kind = "a bundle, not a matter" if code in {b.code for b in bundles} else "unknown"
                    raise CatalogError(
                        f"{seen[bundle.code]}: entry {bundle.code}: field matters: '{code}' is {kind}"
                    )
        version = catalog_version(raw_entries)
        if len(parts) == 1 and isinstance(parts[0][1].get("version"), str):
            version = parts[0][1]["version"]
        return cls(matters, bundles, source=source, version=version, origins=seen)

    # -- queries the UI makes -----------------------------------------------------------------

    def get(self, code: str) -> Matter | Bundle:
        entry = self.bundles.get(code) or self.matters.get(code)
        if entry is None:
            raise KeyError(code)
        return entry

    def entries(self) -> list[Matter | Bundle]:
        """Bundles first (the 一件事 are what the home screen offers first), then matters."""
        return [*self.bundles.values(), *self.matters.values()]

    def departments(self) -> list[str]:
        return list(dict.fromkeys(e.department for e in self.entries()))

    def life_events(self) -> list[str]:
        return list(dict.fromkeys(ev for e in self.entries() for ev in e.life_events))

    def by_department(self, department: str) -> list[Matter | Bundle]:
        return [e for e in self.entries() if e.department == department]

    def by_life_event(self, event: str) -> list[Matter | Bundle]:
        return [e for e in self.entries() if event in e.life_events]

    def search(self, query: str, limit: int = 20) -> list[Matter | Bundle]:
        return self._index.search(query, limit)

    def merged(self, code: str) -> MergedApplication:
        try:
            return self._merged[code]
        except KeyError:
            raise KeyError(code) from None

    @staticmethod
    def kind_of(entry: Matter | Bundle) -> str:
        return "bundle" if isinstance(entry, Bundle) else "matter"

    def __len__(self) -> int:
        return len(self.matters) + len(self.bundles)


def catalog_version(content: dict[str, list]) -> str:
    """sha256 of the canonical JSON of {"matters", "bundles"} — the same value the platform
    sends as ETag for the same folder, so a fresh terminal can ask with If-None-Match set to its
    bundled sample's version and get 304 when nothing changed."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def load_with_fallback(cached_payload: dict[str, Any] | None, fallback_dir: str | Path) -> Catalog:
    """The catalog the kiosk runs with: the cached platform copy if it is valid, else the
    bundled sample (a fresh terminal, or a cache the platform filled with something broken)."""
    if cached_payload is not None:
        try:
            return Catalog.from_payload(cached_payload, source="cache")
        except CatalogError as exc:
            log.error("cached catalog rejected, using the bundled sample: %s", exc)
    return Catalog.load_dir(fallback_dir)


def _validate(model, raw: Any, origin: str, kind: str, index: int):
    code = raw.get("code") if isinstance(raw, dict) else None
    entry_name = code if isinstance(code, str) and code else f"{kind}[{index}]"
    if not isinstance(raw, dict):
        raise CatalogError(f"{origin}: entry {entry_name}: must be an object")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        where = _describe_loc(raw, error["loc"])
        field_part = f"field {where}: " if where else ""
        raise CatalogError(f"{origin}: entry {entry_name}: {field_part}{_message(error)}{more}") from None


def _describe_loc(raw: Any, loc: tuple) -> str:
    """('materials', 2, 'copies') → "materials[2] (户口簿).copies" — names help find the line."""
    text = ""
    node = raw
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            label = node.get("name") or node.get("key") if isinstance(node, dict) else None
            if isinstance(label, str):
                text += f" ({label})"
        else:
            text += f".{part}" if text else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return text


def _message(error: dict) -> str:
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] not in ("missing", "model_type") and "input" in error:
        shown = repr(error["input"])
        if len(shown) <= 60:
            message += f" (got {shown})"
    return message
