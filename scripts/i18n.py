#!/usr/bin/env python3
"""Translations, one .ts file per area so capabilities do not edit the same file:
config/i18n/<area>.files lists glob patterns of the sources of <area>_zh_CN.ts; the area "kiosk"
takes every kiosk/ and screens/ source no other area claims.
`update [AREA]` extracts tr()/translate() strings (keeping what is translated); `build`
compiles every .ts → .qm; `check` lists unfinished zh_CN entries and exits 1 if any."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "config" / "i18n"


def areas() -> dict[str, list[str]]:
    """area → its source files (relative to the repository)."""
    every = sorted(str(p.relative_to(ROOT)) for d in ("kiosk", "screens") for p in (ROOT / d).rglob("*.py"))
    claimed: dict[str, list[str]] = {}
    for listing in sorted(I18N.glob("*.files")):
        patterns = [line.strip() for line in listing.read_text().splitlines() if line.strip() and not line.startswith("#")]
        claimed[listing.stem] = sorted({str(p.relative_to(ROOT)) for pat in patterns for p in ROOT.glob(pat)})
    taken = {f for files in claimed.values() for f in files}
    return {"kiosk": [f for f in every if f not in taken], **claimed}


def ts_files() -> list[Path]:
    return sorted(I18N.glob("*_zh_CN.ts"))


def _tool(name: str) -> str:
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found (it comes with PySide6-Essentials)")
    return found


def update(only: str | None = None) -> None:
    for area, files in areas().items():
        if only and area != only:
            continue
        ts = I18N / f"{area}_zh_CN.ts"
        subprocess.run([_tool("pyside6-lupdate"), *files, "-no-obsolete", "-target-language", "zh_CN",
                        "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)


def build() -> None:
    for ts in ts_files():
        qm = ts.with_suffix(".qm")
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True,
                       stdout=subprocess.DEVNULL)


def unfinished(ts: Path) -> list[tuple[str, str]]:
    tree = ET.parse(ts)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") == "unfinished" or not (translation.text or "").strip():
                missing.append((name, message.findtext("source")))
    return missing


def check() -> int:
    bad = [(ts.name, c, s) for ts in ts_files() for c, s in unfinished(ts)]
    for name, context, source in bad:
        print(f"{name}: [{context}] unfinished: {source!r}")
    return 1 if bad else 0


if __name__ == "__main__":
    verb = sys.argv[1] if len(sys.argv) > 1 else "build"
    if verb == "update":
        update(sys.argv[2] if len(sys.argv) > 2 else None)
    elif verb == "build":
        build()
    elif verb == "check":
        sys.exit(check())
    else:
        sys.exit(f"usage: {sys.argv[0]} update|build|check")
