"""`kioskctl catalog check|list|search|show` and `kioskctl bench catalog`."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from kiosk.cli._registry import group


def register(subparsers) -> None:
    parser = subparsers.add_parser("catalog", help="service catalog (事项 / 一件事): check, list, search, show")
    verbs = parser.add_subparsers(dest="catalog_verb", required=True)

    check = verbs.add_parser("check", help="validate a catalog folder")
    check.add_argument("dir", nargs="?", help="catalog folder (default: [catalog] dir of the configuration)")
    check.set_defaults(func=_check)

    listing = verbs.add_parser("list", help="every matter and bundle")
    _dir_option(listing)
    listing.add_argument("--json", action="store_true", help="JSON output")
    listing.set_defaults(func=_list)

    search = verbs.add_parser("search", help="search by Chinese, full pinyin or pinyin initials")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=20)
    _dir_option(search)
    search.add_argument("--json", action="store_true", help="JSON output")
    search.set_defaults(func=_search)

    show = verbs.add_parser("show", help="a matter, or a bundle merged into one application")
    show.add_argument("code")
    show.add_argument("--start", help="acceptance date YYYY-MM-DD for the promised date (default: today)")
    _dir_option(show)
    show.add_argument("--json", action="store_true", help="JSON output")
    show.set_defaults(func=_show)

    bench = group(subparsers, "bench", "benchmarks that print their figures")
    bench_catalog = bench.add_parser("catalog", help="catalog load time and search latency p50/p99")
    _dir_option(bench_catalog)
    bench_catalog.add_argument("--rounds", type=int, default=200, help="searches per query")
    bench_catalog.add_argument("--scale", type=int, default=20,
                               help="also measure a synthetic catalog this many times larger")
    bench_catalog.set_defaults(func=_bench)


def _dir_option(parser) -> None:
    parser.add_argument("--dir", help="catalog folder (default: [catalog] dir of the configuration)")


def _catalog_dir(args, explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    from kiosk.config import load_config

    return load_config(getattr(args, "config", None)).catalog_path()


def _load(args, explicit: str | None):
    from kiosk.catalog import Catalog

    return Catalog.load_dir(_catalog_dir(args, explicit))


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def _dump(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


def _check(args) -> int:
    from kiosk.catalog import CatalogError
    from kiosk.config import ConfigError

    try:
        catalog = _load(args, args.dir)
    except (CatalogError, ConfigError) as exc:
        return _fail(f"catalog check failed: {exc}")
    print(
        f"OK {catalog.source}: {len(catalog.matters)} matters, {len(catalog.bundles)} bundles, "
        f"{len(catalog.departments())} departments, {len(catalog.life_events())} life events"
    )
    return 0


def _summary(catalog, entry) -> dict:
    return {"code": entry.code, "name": entry.name, "kind": catalog.kind_of(entry), "department": entry.department}


def _list(args) -> int:
    from kiosk.catalog import CatalogError

    try:
        catalog = _load(args, args.dir)
    except CatalogError as exc:
        return _fail(str(exc))
    rows = [_summary(catalog, entry) for entry in catalog.entries()]
    if args.json:
        _dump(rows)
    else:
        for row in rows:
            print(f"{row['code']:<8} {row['kind']:<7} {row['department']:<14} {row['name']}")
    return 0


def _search(args) -> int:
    from kiosk.catalog import CatalogError

    try:
        catalog = _load(args, args.dir)
    except CatalogError as exc:
        return _fail(str(exc))
    rows = [_summary(catalog, entry) for entry in catalog.search(args.query, limit=args.limit)]
    if args.json:
        _dump(rows)
    else:
        for row in rows:
            print(f"{row['code']:<8} {row['name']}")
        if not rows:
            print("（无匹配结果）")
    return 0


def _show(args) -> int:
    from kiosk.catalog import CatalogError, WorkCalendar
    from kiosk.config import ConfigError, load_config

    try:
        start = date.fromisoformat(args.start) if args.start else date.today()
    except ValueError:
        return _fail(f"--start: '{args.start}' is not a date in the form YYYY-MM-DD")
    try:
        config = load_config(getattr(args, "config", None))
        catalog = _load(args, args.dir)
        calendar = WorkCalendar.from_strings(config.catalog.holidays, config.catalog.workdays)
        merged = catalog.merged(args.code)
    except (CatalogError, ConfigError) as exc:
        return _fail(str(exc))
    except KeyError:
        return _fail(f"no matter or bundle with code '{args.code}'")
    data = merged.to_dict()
    data["accepted_on"] = start.isoformat()
    data["promised_date"] = merged.promised_date(start, calendar).isoformat()
    if args.json:
        _dump(data)
        return 0
    print(f"{merged.name}（{merged.code}，{'一件事' if merged.kind == 'bundle' else '事项'}"
          f"{'，' + merged.mode if merged.mode else ''}）")
    print(f"办结时限：{merged.time_limit_days} 个工作日；{start} 受理，承诺 {data['promised_date']} 前办结")
    print("受理条件：")
    for condition in merged.conditions:
        print(f"  · {condition}")
    print("申请材料：")
    for material in merged.materials:
        flags = "必需" if material.required else "非必需"
        flags += "，可容缺" if material.deferrable else ""
        flags += "，可免提交（电子证照）" if material.reusable else ""
        print(f"  · {material.name}：原件 {material.originals} 份，复印件 {material.copies} 份（{flags}）")
    print("表单字段：" + "、".join(f.label for f in merged.fields))
    print(f"收费：{merged.fees}\n地点：{merged.place}\n电话：{merged.phone}")
    return 0


def _bench(args) -> int:
    from kiosk.catalog import CatalogError
    from kiosk.catalog.bench import run_bench
    from kiosk.config import ConfigError

    try:
        return run_bench(_catalog_dir(args, args.dir), rounds=args.rounds, scale=args.scale)
    except (CatalogError, ConfigError) as exc:
        return _fail(str(exc))
