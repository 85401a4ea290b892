"""The CJK font used for image lines (glyphs the printer lacks) and for the virtual printer."""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess

from PIL import ImageFont

log = logging.getLogger(__name__)

FALLBACK_PATH = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SC_INDEX = 2  # "Noto Sans CJK SC" inside the .ttc collection


@functools.lru_cache(maxsize=1)
def cjk_font_path() -> str:
    """Path of Noto Sans CJK SC, found through fontconfig, else the Debian package path."""
    if shutil.which("fc-match"):
        try:
            found = subprocess.run(
                ["fc-match", "-f", "%{file}", "Noto Sans CJK SC"],
                capture_output=True, text=True, timeout=5, check=False,
            ).stdout.strip()
            if found.endswith(".ttc") and "NotoSansCJK" in found:
                return found
            log.debug("fc-match gave %r, using %s", found, FALLBACK_PATH)
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("fc-match failed (%s), using %s", exc, FALLBACK_PATH)
    return FALLBACK_PATH


@functools.lru_cache(maxsize=16)
def cjk_font(size: int) -> ImageFont.FreeTypeFont:
    """Noto Sans CJK SC at `size` pixels (cached: opening the collection costs milliseconds)."""
    path = cjk_font_path()
    try:
        return ImageFont.truetype(path, size, index=SC_INDEX)
    except OSError as exc:
        raise RuntimeError(
            f"CJK font not usable at {path} ({exc}); install fonts-noto-cjk"
        ) from exc
