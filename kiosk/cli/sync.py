"""`kioskctl enroll`, `kioskctl sync run|status|catalog`, `kioskctl bench store|sync`."""

from __future__ import annotations

import argparse
import json
import logging
import sys

log = logging.getLogger(__name__)


def _fail(message: str) -> int:
    print(f"kioskctl: {message}", file=sys.stderr)
    return 2


def _print(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


def _enroll(args) -> int:
    from kiosk.config import ConfigError, load_config
    from kiosk.sync.enrolment import EnrolmentError, enroll
    from offline_store import StoreError
    from offline_store.store import Store

    try:
        config = load_config(args.config)
        enrolment = enroll(config.paths.data_path(), args.platform, args.code,
                           args.name or config.site.device_name,
                           connect_timeout=config.sync.connect_timeout,
                           read_timeout=config.sync.read_timeout, force=args.force)
        # the data key is made at enrolment, before anything personal is stored
        Store.open(config.paths.data_path(), site_code=enrolment.site_code,
                   device_code=enrolment.device_code, min_free_mb=0, create_key=True).close()
    except (ConfigError, EnrolmentError, StoreError) as exc:
        return _fail(str(exc))
    _print({"device_id": enrolment.device_id, "site_code": enrolment.site_code,
            "device_code": enrolment.device_code, "platform_url": enrolment.platform_url})
    return 0


def build_engine(config, store, *, keep_alive: bool = True):
    """Engine for an enrolled kiosk (also used by kiosk.services.sync)."""
    import kiosk
    from kiosk.sync.engine import EngineSettings, SyncEngine
    from kiosk.sync.enrolment import client_for

    client = client_for(config.paths.data_path(), connect_timeout=config.sync.connect_timeout,
                        read_timeout=config.sync.read_timeout, keep_alive=keep_alive)
    settings = EngineSettings(heartbeat_s=config.sync.heartbeat_seconds,
                              backoff_min_s=config.sync.backoff_min_seconds,
                              backoff_max_s=config.sync.backoff_max_seconds)
    return SyncEngine(store, client, app_version=kiosk.__version__, settings=settings)


def _with_engine(handler):
    def run(args) -> int:
        from kiosk.cli.store import open_configured_store
        from kiosk.config import ConfigError, load_config
        from kiosk.sync.client import TransportError
        from kiosk.sync.enrolment import EnrolmentError
        from kiosk.sync.signing import DeviceKeyMissing
        from offline_store import StoreError

        try:
            config = load_config(args.config)
            store = open_configured_store(config, create_key=False)
        except (ConfigError, StoreError) as exc:
            return _fail(str(exc))
        try:
            engine = build_engine(config, store)
            return handler(args, engine)
        except (EnrolmentError, DeviceKeyMissing, StoreError, TransportError) as exc:
            return _fail(str(exc))
        finally:
            store.close()
    return run


def _sync_run(args, engine) -> int:
    import signal

    # SIGTERM stops cleanly between items (the item in flight stays "sending" → re-queued).
    signal.signal(signal.SIGTERM, lambda *_: engine.stop(timeout=0))
    report = engine.drain(until_empty=args.until_empty, timeout_s=args.timeout)
    counts = engine.store.counts()
    _print({"accepted": report.accepted, "retried": report.retried,
            "rejected": report.rejected, "quarantined": report.quarantined,
            "unreachable": report.unreachable, "not_authorised": report.not_authorised,
            "queue": counts, "clock_offset_s": round(engine.client.clock_offset_s, 2),
            "last_errors": report.errors[-5:]})
    if args.heartbeat and not report.unreachable:
        engine.send_heartbeat()
    pending = counts["queued"] + counts["sending"]
    return 0 if not (args.until_empty and pending) else 1


def _sync_status(args, engine) -> int:
    from offline_store import id_hash_of

    kwargs = ({"receipt_nos": args.receipt} if args.receipt
              else {"id_hash": id_hash_of(args.id_number)})
    _print(engine.query_status(**kwargs))
    return 0


def _sync_catalog(args, engine) -> int:
    changed = engine.refresh_catalog()
    cached = engine.store.catalog_cache_get()
    _print({"changed": changed, "etag": cached[0] if cached else None,
            "matters": len(cached[1].get("matters", [])) if cached else 0})
    return 0


def _bench_store(args) -> int:
    from kiosk.sync.bench import bench_store

    _print(bench_store(args.count))
    return 0


def _bench_sync(args) -> int:
    from kiosk.sync.bench import bench_sync

    _print(bench_sync(args.count, args.direct, keep_alive=not args.no_keep_alive,
                      platform_mode=args.platform_mode, in_flight=args.in_flight))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    enroll = subparsers.add_parser("enroll", help="enrol this kiosk with a one-time code")
    enroll.add_argument("--platform", required=True, help="platform base URL")
    enroll.add_argument("--code", required=True, help="one-time enrolment code")
    enroll.add_argument("--name", help="device name (default: site.device_name)")
    enroll.add_argument("--force", action="store_true", help="enrol again")
    enroll.set_defaults(func=_enroll)

    sync = subparsers.add_parser("sync", help="send the queue to the platform")
    verbs = sync.add_subparsers(dest="sync_verb", required=True)
    run = verbs.add_parser("run", help="send in the foreground")
    run.add_argument("--until-empty", action="store_true",
                     help="keep going (with back-off) until nothing is queued")
    run.add_argument("--timeout", type=float, default=None, help="give up after S seconds")
    run.add_argument("--heartbeat", action="store_true", help="send a heartbeat afterwards")
    run.set_defaults(func=_with_engine(_sync_run))
    status = verbs.add_parser("status", help="progress query (cached locally)")
    who = status.add_mutually_exclusive_group(required=True)
    who.add_argument("--receipt", action="append", help="receipt number (repeatable)")
    who.add_argument("--id-number", help="ID number (only its hash is sent)")
    status.set_defaults(func=_with_engine(_sync_status))
    catalog = verbs.add_parser("catalog", help="download the catalog if it changed (ETag)")
    catalog.set_defaults(func=_with_engine(_sync_catalog))

    from kiosk.cli._registry import group

    bench = group(subparsers, "bench", "benchmarks")
    store_bench = bench.add_parser("store", help="durable enqueue latency vs raw SQLite commit")
    store_bench.add_argument("--count", type=int, default=2000)
    store_bench.set_defaults(func=_bench_store)
    sync_bench = bench.add_parser("sync", help="drain a backlog to the platform on loopback")
    sync_bench.add_argument("--count", type=int, default=10000)
    sync_bench.add_argument("--direct", type=int, default=1000,
                            help="items for the platform's direct ingest baseline")
    sync_bench.add_argument("--no-keep-alive", action="store_true",
                            help="one TCP connection per request")
    sync_bench.add_argument("--platform-mode", choices=["process", "thread"], default="process")
    sync_bench.add_argument("--in-flight", type=int, default=None,
                            help="requests in flight (default: the engine's setting)")
    sync_bench.set_defaults(func=_bench_sync)
