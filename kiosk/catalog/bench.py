"""`kioskctl bench catalog`: load time and search latency, printed (tests never time things).

Figures: catalog load (JSON + validation + merging + index), index build alone, search p50/p99
over Chinese, full-pinyin and initials queries; the raw baseline is a search without an index
(pypinyin run over every entry for every query), and a synthetic catalog `scale` times larger
shows how the indexed search grows.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from kiosk.catalog.loader import Catalog
from kiosk.catalog.search import SearchIndex, _readings

QUERIES = {
    "chinese": ["社保卡", "退休", "出生", "残疾人", "公积金提取", "低保", "身份证", "过户", "退休 公积金"],
    "pinyin": ["shebaoka", "tuixiu", "chusheng", "canjiren", "gongjijin", "dibao", "shenfenzheng", "guohu"],
    "initials": ["sbk", "tx", "cs", "cjr", "gjj", "db", "sfz", "gh"],
}


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _time_searches(search, queries: list[str], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        for query in queries:
            start = time.perf_counter()
            search(query)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def _naive_search(entries, query: str) -> list:
    """Baseline without an index: pinyin of every text computed per query."""
    hits = []
    for entry in entries:
        for text in (entry.name, *entry.keywords):
            if query in text or query in "".join(lazy_pinyin(text)) or query in "".join(
                lazy_pinyin(text, style=Style.FIRST_LETTER)
            ):
                hits.append(entry)
                break
    return hits


def _scaled(catalog: Catalog, scale: int) -> list:
    entries = []
    for copy in range(scale):
        for entry in catalog.entries():
            entries.append(entry.model_copy(update={"code": f"{entry.code}-{copy}"}))
    return entries


def _report(label: str, samples: list[float]) -> None:
    print(
        f"  {label:<34} p50 {statistics.median(samples):8.3f} ms   p99 {_percentile(samples, 0.99):8.3f} ms"
        f"   max {max(samples):8.3f} ms   (n={len(samples)})"
    )


def run_bench(directory: Path, rounds: int = 200, scale: int = 20) -> int:
    loads = []
    catalog = None
    for _ in range(5):
        start = time.perf_counter()
        catalog = Catalog.load_dir(directory)
        loads.append((time.perf_counter() - start) * 1000)
    assert catalog is not None
    entries = catalog.entries()
    _readings.cache_clear()  # cold: pinyin of every text computed again
    start = time.perf_counter()
    SearchIndex(entries)
    index_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    SearchIndex(entries)
    warm_index_ms = (time.perf_counter() - start) * 1000
    print(f"catalog {directory}: {len(catalog.matters)} matters, {len(catalog.bundles)} bundles")
    print(f"  load (JSON + validate + merge + index)  median {statistics.median(loads):.1f} ms"
          f"  min {min(loads):.1f} ms  (first {loads[0]:.1f} ms)")
    print(f"  index build alone                       cold {index_ms:.1f} ms  warm {warm_index_ms:.1f} ms")
    all_queries = [q for group in QUERIES.values() for q in group]
    print("search, indexed (budget: < 50 ms per query):")
    for name, queries in QUERIES.items():
        _report(name, _time_searches(catalog.search, queries, rounds))
    _report("all queries", _time_searches(catalog.search, all_queries, rounds))
    print("raw baseline, no index (pypinyin per query):")
    _report("all queries", _time_searches(lambda q: _naive_search(entries, q), all_queries, max(1, rounds // 20)))
    if scale > 1:
        big = _scaled(catalog, scale)
        _readings.cache_clear()
        start = time.perf_counter()
        big_index = SearchIndex(big)
        build_ms = (time.perf_counter() - start) * 1000
        print(f"synthetic catalog x{scale} ({len(big)} entries): index build {build_ms:.0f} ms")
        _report("all queries", _time_searches(big_index.search, all_queries, max(1, rounds // 10)))
    return 0
