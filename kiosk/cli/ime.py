"""`kioskctl ime build|lookup` and `kioskctl bench ime` (pinyin input engine)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kiosk.cli._registry import group

BENCH_QUERIES = ["beijing", "sbk", "shebaoka", "zhangsan", "shi", "s", "zh", "xian", "gongjijin", "yibao",
                 "canjirenzheng", "csyxzm", "woyaobanshebaoka", "zhonghuarenmingongheguo", "lixiaohong",
                 "beij", "shenfenzheng", "hukouben", "a", "nihao"]


def register(subparsers) -> None:
    parser = subparsers.add_parser("ime", help="pinyin input engine: build the index, look up candidates")
    verbs = parser.add_subparsers(dest="ime_verb", required=True)
    build = verbs.add_parser("build", help="generate config/ime/pinyin_index.txt from jieba + pypinyin")
    build.add_argument("--out", help="index file (default: the shipped config/ime/pinyin_index.txt)")
    build.add_argument("--supplement", help="extra words (default: config/ime/supplement.txt)")
    build.add_argument("--min-freq", type=int, default=None, help="drop jieba words rarer than this")
    build.set_defaults(func=_build)
    lookup = verbs.add_parser("lookup", help="candidates for typed pinyin")
    lookup.add_argument("pinyin")
    lookup.add_argument("--page", type=int, default=0)
    lookup.add_argument("--page-size", type=int, default=10)
    lookup.add_argument("--index", help="index file (default: the shipped one)")
    lookup.set_defaults(func=_lookup)
    bench = group(subparsers, "bench", "benchmarks that print their figures")
    bench_ime = bench.add_parser("ime", help="index load time, memory, candidate lookup p50/p99 (budget 30 ms)")
    bench_ime.add_argument("--queries", type=int, default=200)
    bench_ime.add_argument("--index", help="index file (default: the shipped one)")
    bench_ime.set_defaults(func=_bench)


def _index(args) -> Path:
    from kiosk.ime import DEFAULT_INDEX

    return Path(args.index) if getattr(args, "index", None) else DEFAULT_INDEX


def _build(args) -> int:
    import time

    from kiosk.ime import DEFAULT_INDEX
    from kiosk.ime.build import DEFAULT_MIN_FREQ, BuildError, build_index

    out = Path(args.out) if args.out else DEFAULT_INDEX
    supplement = Path(args.supplement) if args.supplement else DEFAULT_INDEX.parent / "supplement.txt"
    started = time.perf_counter()
    try:
        stats = build_index(out, supplement=supplement,
                            min_freq=DEFAULT_MIN_FREQ if args.min_freq is None else args.min_freq)
    except (BuildError, OSError) as exc:
        print(f"kioskctl ime build: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({"out": str(out), **stats.__dict__, "seconds": round(time.perf_counter() - started, 2)},
                     ensure_ascii=False, indent=2))
    return 0


def _lookup(args) -> int:
    from kiosk.ime import IndexError_, PinyinDictionary

    try:
        words = PinyinDictionary.load(_index(args)).candidates(args.pinyin, args.page, args.page_size)
    except (IndexError_, ValueError) as exc:
        print(f"kioskctl ime lookup: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(words, ensure_ascii=False, indent=2))
    return 0


def _bench(args) -> int:
    import statistics
    import time
    import tracemalloc

    from kiosk.ime import IndexError_, PinyinDictionary

    path = _index(args)
    try:
        started = time.perf_counter()
        raw = path.read_bytes()
        read_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        ime = PinyinDictionary.load(path)
        load_ms = (time.perf_counter() - started) * 1000
        tracemalloc.start()
        kept = PinyinDictionary.load(path)
        index_mb = tracemalloc.get_traced_memory()[0] / 1e6
        tracemalloc.stop()
        del kept
    except (IndexError_, OSError) as exc:
        print(f"kioskctl bench ime: {exc}", file=sys.stderr)
        return 2
    import re

    queries = [BENCH_QUERIES[i % len(BENCH_QUERIES)] for i in range(args.queries)]

    def run(cold: bool) -> list[float]:
        timings = []
        for query in queries:
            if cold:
                re.purge()     # as if no pattern of this query had been compiled before
            started = time.perf_counter()
            ime.candidates(query, 0, 8)
            timings.append((time.perf_counter() - started) * 1000)
        return sorted(timings)

    cold, warm = run(cold=True), run(cold=False)

    def p(timings: list[float], q: float) -> float:
        return round(timings[max(0, int(len(timings) * q) - 1)], 2)
    print(json.dumps({
        "index": str(path), "index_bytes": len(raw), "raw_read_ms": round(read_ms, 1),
        "load_ms": round(load_ms, 1), "index_memory_mb": round(index_mb, 1), **ime.stats(),
        "queries": len(queries),
        "lookup_cold_p50_ms": round(statistics.median(cold), 2), "lookup_cold_p99_ms": p(cold, 0.99),
        "lookup_cold_max_ms": round(cold[-1], 2),
        "lookup_warm_p50_ms": round(statistics.median(warm), 2), "lookup_warm_p99_ms": p(warm, 0.99),
        "budget_ms": 30,
    }, ensure_ascii=False, indent=2))
    return 0
