#!/usr/bin/env python3
"""Translations: `update` extracts tr()/translate() strings from kiosk/ and screens/ into
config/i18n/kiosk_zh_CN.ts (keeping what is translated); `build` compiles .ts → .qm;
`check` lists unfinished zh_CN entries and exits 1 if there are any."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "config" / "i18n"
TS_FILES = [I18N / "kiosk_zh_CN.ts"]


def _tool(name: str) -> str:
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found (it comes with PySide6-Essentials)")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for d in ("kiosk", "screens") for p in (ROOT / d).rglob("*.py"))


def update() -> None:
    for ts in TS_FILES:
        subprocess.run([_tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-ts", str(ts.relative_to(ROOT))],
                       cwd=ROOT, check=True)


def build() -> None:
    for ts in TS_FILES:
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
    bad = [(ts.name, c, s) for ts in TS_FILES for c, s in unfinished(ts)]
    for name, context, source in bad:
        print(f"{name}: [{context}] unfinished: {source!r}")
    return 1 if bad else 0


if __name__ == "__main__":
    verb = sys.argv[1] if len(sys.argv) > 1 else "build"
    if verb == "update":
        update()
    elif verb == "build":
        build()
    elif verb == "check":
        sys.exit(check())
    else:
        sys.exit(f"usage: {sys.argv[0]} update|build|check")
