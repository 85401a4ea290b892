"""`kioskctl platform …`: run and administer the reference central platform (central/)."""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    platform = subparsers.add_parser("platform", help="reference central platform (参考平台)")
    verbs = platform.add_subparsers(dest="platform_verb", required=True)

    serve = verbs.add_parser("serve", help="serve the platform HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8700)
    serve.add_argument("--db", required=True, help="database URL, e.g. sqlite:///var/platform.db")
    serve.add_argument("--faults", default=None,
                       help="fault injection: fail=P,drop_after_commit=P,reset=P,captive=P,"
                            "latency_ms=N,seed=N")
    serve.add_argument("--catalog", default=None, help="catalog folder (default config/catalog)")
    serve.add_argument("--log-level", default="info")
    serve.add_argument("--advance-seconds", type=float, default=None, metavar="S",
                       help="demo: received → in_progress → finished → mailed/ready_for_pickup, "
                            "one step every S seconds (set-status overrides)")
    serve.set_defaults(func=_serve)

    code = verbs.add_parser("issue-code", help="print a one-time enrolment code")
    code.add_argument("--db", required=True)
    code.add_argument("--site", required=True, help="site code, e.g. 431002")
    code.set_defaults(func=_issue_code)

    revoke = verbs.add_parser("revoke", help="revoke an enrolled device")
    revoke.add_argument("--db", required=True)
    revoke.add_argument("device_id")
    revoke.set_defaults(func=_revoke)

    stats = verbs.add_parser("stats", help="counts of what the platform holds")
    stats.add_argument("--db", required=True)
    stats.add_argument("--json", action="store_true", help="JSON output (the only format)")
    stats.set_defaults(func=_stats)

    status = verbs.add_parser("set-status", help="advance an application's status")
    status.add_argument("--db", required=True)
    status.add_argument("receipt_no")
    status.add_argument("status", help="received | in_progress | needs_correction | finished | "
                                       "mailed | ready_for_pickup")
    status.add_argument("--tracking-no", default=None)
    status.add_argument("--missing", nargs="*", default=None, metavar="NAME",
                        help="materials the applicant still has to supply")
    status.add_argument("--detail", default=None)
    status.set_defaults(func=_set_status)

    openapi = verbs.add_parser("openapi", help="write the OpenAPI document")
    openapi.add_argument("--out", default="-", help="file (default: stdout)")
    openapi.set_defaults(func=_openapi)

    from kiosk.cli._registry import group

    bench = group(subparsers, "bench", "benchmarks").add_parser(
        "platform", help="reference platform requests/s over loopback (health = raw baseline)")
    bench.add_argument("--count", type=int, default=200, help="requests per kind")
    bench.add_argument("--db", default=None, help="database URL (default: temporary SQLite)")
    bench.set_defaults(func=_bench)


def _fail(message: str) -> int:
    print(f"kioskctl platform: {message}", file=sys.stderr)
    return 2


def _serve(args: argparse.Namespace) -> int:
    from central.faults import FaultSpec
    from central.server import serve

    try:
        FaultSpec.parse(args.faults)
    except ValueError as exc:
        return _fail(f"--faults: {exc}")
    if args.advance_seconds is not None and args.advance_seconds <= 0:
        return _fail("--advance-seconds must be positive")
    serve(args.host, args.port, args.db, args.faults, args.catalog, args.log_level,
          args.advance_seconds)
    return 0


def _issue_code(args: argparse.Namespace) -> int:
    from central.admin import issue_code

    try:
        print(issue_code(args.db, args.site))
    except ValueError as exc:
        return _fail(str(exc))
    return 0


def _revoke(args: argparse.Namespace) -> int:
    from central.admin import revoke

    try:
        revoke(args.db, args.device_id)
    except LookupError as exc:
        return _fail(str(exc))
    print(f"revoked {args.device_id}")
    return 0


def _stats(args: argparse.Namespace) -> int:
    from central.admin import stats

    print(json.dumps(stats(args.db), ensure_ascii=False, indent=2))
    return 0


def _set_status(args: argparse.Namespace) -> int:
    from central.admin import set_status

    try:
        result = set_status(args.db, args.receipt_no, args.status, args.tracking_no,
                            args.missing, args.detail)
    except (ValueError, LookupError) as exc:
        return _fail(str(exc))
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def _openapi(args: argparse.Namespace) -> int:
    from central.openapi import openapi_text

    text = openapi_text()
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text)
    return 0


def _bench(args: argparse.Namespace) -> int:
    from central.bench import run_bench

    if args.count < 1:
        return _fail("--count must be at least 1")
    print(json.dumps(run_bench(args.count, args.db), ensure_ascii=False, indent=2))
    return 0
