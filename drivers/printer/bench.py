"""Receipt build-time figures for `kioskctl bench printer` (prints nothing itself)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from drivers.printer import templates
from drivers.printer.layout import paper_for


def _time(fn: Callable[[], bytes], rounds: int) -> tuple[float, list[float], bytes]:
    start = time.perf_counter()
    out = fn()
    first = (time.perf_counter() - start) * 1000
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return first, samples, out


def _p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def library_baseline(data: dict, paper_mm: int, profile: str = "TM-T88V") -> bytes:
    """The same receipt lines through python-escpos 3.1's own text path (magic encoder)."""
    from escpos.printer import Dummy

    doc = templates.build("receipt", data, paper_for(paper_mm))
    printer = Dummy(profile=profile)
    for line in doc.text_lines():
        printer.textln(line)
    printer.qr(templates.receipt_qr_content(data), native=True, size=6)
    printer.cut()
    return printer.output


def run_bench(data: dict, rounds: int = 200, render=templates.render,
              profile: str = "TM-T88V") -> list[dict]:
    rows = []
    for paper_mm in (58, 80):
        for native in (True, False):
            first, samples, out = _time(
                lambda p=paper_mm, n=native: render("receipt", data, p, profile, n), rounds)
            rows.append({"paper_mm": paper_mm, "qr": "native" if native else "image",
                         "first_ms": first, "median_ms": statistics.median(samples),
                         "p99_ms": _p99(samples), "bytes": len(out)})
    first, samples, out = _time(lambda: library_baseline(data, 80, profile), rounds)
    text = "".join(templates.build("receipt", data, paper_for(80)).text_lines())
    rows[-1]["baseline"] = {"median_ms": statistics.median(samples), "bytes": len(out),
                            "lost_chars": out.count(b"?") - text.count("?")}
    return rows
