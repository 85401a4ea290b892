"""`kioskctl selftest [--json] [--print] [--only NAME …]`: check every device and dependency of
this terminal; a pass/fail table with the reason; exit 1 when anything fails."""

from __future__ import annotations

import json
import sys

CHECKS = ("reader", "printer", "camera", "platform", "storage", "fonts", "translations")


def register(subparsers) -> None:
    parser = subparsers.add_parser("selftest", help="check reader, printer, camera, platform, storage, "
                                                    "fonts and translations (exit 1 if any fails)")
    parser.add_argument("--json", action="store_true", help="JSON output")
    parser.add_argument("--print", dest="print_page", action="store_true",
                        help="also print a test page on the receipt printer")
    parser.add_argument("--only", nargs="+", choices=CHECKS, metavar="CHECK",
                        help=f"run only these checks ({', '.join(CHECKS)})")
    parser.set_defaults(func=run)


def run(args) -> int:
    from kiosk.config import ConfigError, load_config
    from kiosk.selftest import format_table, passed, run_selftest

    try:
        config = load_config(getattr(args, "config", None))
    except ConfigError as exc:
        print(f"kioskctl selftest: {exc}", file=sys.stderr)
        return 2
    results = run_selftest(config, print_page=args.print_page, only=args.only)
    if args.json:
        print(json.dumps({"passed": passed(results), "checks": [r.as_dict() for r in results]},
                         ensure_ascii=False, indent=2))
    else:
        print(format_table(results))
    return 0 if passed(results) else 1
