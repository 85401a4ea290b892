"""`kioskctl queue …` (staff view of the outbox) and `kioskctl demo submit` (invented
applications through the same enqueue path the UI uses). All honour KIOSK_DATA_DIR."""

from __future__ import annotations

import argparse
import json
import sys

from kiosk.storage import open_configured_store  # noqa: F401  (re-exported for kiosk/cli)


def _config(args):
    from kiosk.config import load_config

    return load_config(getattr(args, "config", None))


def _fail(message: str) -> int:
    print(f"kioskctl: {message}", file=sys.stderr)
    return 2


def _with_store(handler):
    def run(args) -> int:
        from kiosk.config import ConfigError
        from offline_store import StoreError

        try:
            store = open_configured_store(_config(args))
        except (ConfigError, StoreError) as exc:
            return _fail(str(exc))
        try:
            return handler(args, store)
        except StoreError as exc:
            return _fail(str(exc))
        finally:
            store.close()
    return run


def _print(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


def _queue_status(args, store) -> int:
    status = {"counts": store.counts(), "oldest_unsent_age_s": store.oldest_unsent_age_s(),
              "disk_free_mb": round(store.disk_free_mb(), 1)}
    if args.json:
        _print(status)
    else:
        for state, n in status["counts"].items():
            print(f"{state:12s} {n}")
        age = status["oldest_unsent_age_s"]
        print(f"oldest unsent: {'-' if age is None else f'{age:.0f} s'}")
    return 0


def _queue_list(args, store) -> int:
    items = store.list_items(state=args.state, limit=args.limit)
    if args.json:
        _print(items)
    else:
        for item in items:
            print(f"{item['uuid']}  {item['kind']:11s} {item['state']:11s} {item['ref_no'] or '':28s}"
                  f" tries={item['attempts']} {item['reason'] or item['last_error'] or ''}")
    return 0


def _queue_requeue(args, store) -> int:
    from offline_store import UnknownItem

    try:
        store.requeue(args.id)
    except (UnknownItem, ValueError) as exc:
        return _fail(str(exc))
    print(f"{args.id} re-queued")
    return 0


def _queue_quarantine(args, store) -> int:
    from offline_store import UnknownItem

    try:
        store.quarantine(args.id, args.reason)
    except (UnknownItem, ValueError) as exc:
        return _fail(str(exc))
    print(f"{args.id} quarantined")
    return 0


def _demo_submit(args, store) -> int:
    import random

    from kiosk.sync.demo import invented_application

    rng = random.Random(args.seed)
    for _ in range(args.count):
        body, attachments = invented_application(rng, args.attachments)
        result = store.enqueue_submission(body, attachments)
        print(result.receipt_no, result.uuid, flush=True)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    queue = subparsers.add_parser("queue", help="outbox queue: status, list, requeue (staff)")
    verbs = queue.add_subparsers(dest="queue_verb", required=True)
    status = verbs.add_parser("status", help="counts per state and age of the oldest unsent item")
    status.add_argument("--json", action="store_true")
    status.set_defaults(func=_with_store(_queue_status))
    listing = verbs.add_parser("list", help="items (no personal data)")
    listing.add_argument("--state", choices=["queued", "sending", "accepted", "rejected",
                                             "quarantined"])
    listing.add_argument("--limit", type=int, default=1000)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=_with_store(_queue_list))
    requeue = verbs.add_parser("requeue", help="send a rejected/quarantined item again")
    requeue.add_argument("id", help="item uuid")
    requeue.set_defaults(func=_with_store(_queue_requeue))
    quarantine = verbs.add_parser("quarantine", help="set an item aside (staff)")
    quarantine.add_argument("id", help="item uuid")
    quarantine.add_argument("--reason", required=True)
    quarantine.set_defaults(func=_with_store(_queue_quarantine))

    from kiosk.cli._registry import group

    submit = group(subparsers, "demo", "demonstration tools").add_parser("submit", help="queue invented applications (enqueue path)")
    submit.add_argument("--count", type=int, default=1)
    submit.add_argument("--attachments", type=int, default=0, help="invented scans per application")
    submit.add_argument("--seed", type=int, default=None)
    submit.set_defaults(func=_with_store(_demo_submit))
