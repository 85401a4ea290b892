"""`kioskctl logs export --out FILE [--days N]`: one .tar.gz a technician can send to support.

Contents: recent log files (plain or logrotate-compressed), the effective configuration with
secrets removed, queue statistics from the offline store, the runtime state (restarts, last
crash) and a manifest. Every member passes through kiosk.logs.mask_pii, so ID numbers and mobile
numbers that slipped into a log line leave the kiosk masked.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import sys
import tarfile
import time
from pathlib import Path

log = logging.getLogger(__name__)

# Keys whose values never leave the kiosk (matched on the key name, any section).
SECRET_MARKERS = ("pin", "key", "secret", "token", "password")


def redact(value, key: str = ""):
    if isinstance(value, dict):
        return {k: redact(v, k) for k, v in value.items()}
    if key and any(marker in key.lower() for marker in SECRET_MARKERS):
        return "***removed***"
    return value


def recent_log_files(log_dir: Path, days: float, now: float | None = None) -> list[Path]:
    """Files in log_dir modified within `days`, oldest first (rotated ones included)."""
    if not log_dir.is_dir():
        return []
    cutoff = (time.time() if now is None else now) - days * 86400
    files = [p for p in log_dir.iterdir() if p.is_file() and p.stat().st_mtime >= cutoff]
    return sorted(files, key=lambda p: (p.stat().st_mtime, p.name))


def read_log_text(path: Path) -> tuple[str, str]:
    """(member name, text) of a log file; .gz files (logrotate) are unpacked."""
    data = path.read_bytes()
    name = path.name
    if name.endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise ValueError(f"{path}: not a readable gzip file: {exc}") from None
        name = name[:-3]
    return name, data.decode("utf-8", errors="replace")


def queue_statistics(config) -> dict:
    db_path = config.paths.data_path() / "kiosk.db"
    if not db_path.exists():
        return {"store": "no store", "reason": f"{db_path} does not exist"}
    try:
        from offline_store import Store, StoreError
    except ImportError as exc:
        return {"store": "no store", "reason": f"offline_store not importable: {exc}"}
    try:
        store = Store.open(config.paths.data_path(), site_code=config.site.site_code,
                           device_code=config.site.device_code, min_free_mb=config.store.min_free_mb,
                           retention_days=config.store.retention_days)
    except StoreError as exc:
        log.warning("offline store not readable for the export: %s", exc)
        return {"store": "unreadable", "reason": str(exc)}
    try:
        return {"store": str(db_path), **store.health()}
    finally:
        store.close()


def _rounded(value):
    """Floats to 3 decimals: a long fraction (0.011809349060058594) is a run of 18 digits that
    the ID-number mask rightly rewrites, which broke queue.json in the export (every JSON member
is masked after it is written, so every one is rounded first)."""
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def build_export(config, out: Path, days: float, now: float | None = None) -> dict:
    """Write the archive to `out` (atomically) and return its manifest."""
    from kiosk.logs import mask_pii
    from kiosk.runtime import read_saved_state

    now = time.time() if now is None else now
    members: list[tuple[str, str]] = []
    notes: list[str] = []
    log_dir = config.paths.log_path()
    files = recent_log_files(log_dir, days, now)
    if not files:
        notes.append(f"no log files newer than {days:g} days in {log_dir}")
    for path in files:
        try:
            name, text = read_log_text(path)
        except (OSError, ValueError) as exc:
            notes.append(f"skipped {path}: {exc}")
            log.warning("logs export skipped %s: %s", path, exc)
            continue
        members.append((f"logs/{name}", text))
    dump = lambda obj: json.dumps(_rounded(obj), ensure_ascii=False, indent=2, default=str)  # noqa: E731
    members.append(("config.json", dump(redact(config.model_dump()))))
    members.append(("queue.json", dump(queue_statistics(config))))
    runtime = read_saved_state(config.paths.data_path())
    members.append(("runtime.json", dump(runtime if runtime is not None else {"runtime": "no runtime state"})))
    manifest = {
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(now)),
        "site_code": config.site.site_code, "device_code": config.site.device_code,
        "days": days, "log_dir": str(log_dir), "members": [name for name, _ in members] + ["manifest.json"],
        "notes": notes, "masked": "ID numbers and mobile numbers masked in every member",
    }
    members.append(("manifest.json", dump(manifest)))

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    with tarfile.open(tmp, "w:gz") as archive:
        for name, text in members:
            data = mask_pii(text).encode("utf-8")
            info = tarfile.TarInfo(f"kiosk-logs/{name}")
            info.size, info.mtime, info.mode = len(data), int(now), 0o600
            archive.addfile(info, io.BytesIO(data))
    os.chmod(tmp, 0o600)
    os.replace(tmp, out)
    return manifest


def export(args) -> int:
    from kiosk.config import ConfigError, load_config

    if args.days <= 0:
        print(f"kioskctl: --days must be positive (got {args.days})", file=sys.stderr)
        return 2
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(f"kioskctl: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out)
    if out.is_dir():
        print(f"kioskctl: --out {out} is a directory; give a file name such as {out}/kiosk-logs.tar.gz",
              file=sys.stderr)
        return 2
    try:
        manifest = build_export(config, out, args.days)
    except OSError as exc:
        print(f"kioskctl: cannot write {out}: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({"out": str(out), "bytes": out.stat().st_size, **manifest}, ensure_ascii=False, indent=2))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("logs", help="log tools")
    verbs = parser.add_subparsers(dest="logs_verb", required=True)
    export_parser = verbs.add_parser("export", help="pack recent logs, configuration (no secrets) and queue "
                                                    "statistics into a .tar.gz with personal data masked")
    export_parser.add_argument("--out", required=True, help="archive to write, e.g. /tmp/kiosk-logs.tar.gz")
    export_parser.add_argument("--days", type=float, default=7, help="log files changed in the last N days (default 7)")
    export_parser.set_defaults(func=export)
