"""`kioskctl config check [FILE]`: validate without starting the UI; print the effective config."""

from __future__ import annotations

import json
import sys

SECRET_KEYS = {"pin_hash", "id_hash"}  # staff PINs and the hashes of their ID numbers


def _redact(value):
    if isinstance(value, dict):
        return {k: ("***" if k in SECRET_KEYS else _redact(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact(v) for v in value]
    return value


def check(args) -> int:
    from kiosk.config import ConfigError, load_config

    try:
        config = load_config(args.file or args.config)
    except ConfigError as exc:
        print(f"kioskctl: {exc}", file=sys.stderr)
        return 2
    effective = _redact(config.model_dump())
    if args.json:
        print(json.dumps(effective, ensure_ascii=False, indent=2))
    else:
        for section, values in effective.items():
            tables = values if isinstance(values, list) else [values]   # [[staff]] is a list of tables
            for table in tables:
                print(f"[[{section}]]" if isinstance(values, list) else f"[{section}]")
                for key, value in table.items():
                    print(f"{key} = {json.dumps(value, ensure_ascii=False)}")
                print()
        print("configuration OK", file=sys.stderr)
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("config", help="configuration tools")
    verbs = parser.add_subparsers(dest="config_verb", required=True)
    check_parser = verbs.add_parser("check", help="validate a configuration file and print the effective configuration")
    check_parser.add_argument("file", nargs="?", help="file with overrides (default: config/kiosk.toml only)")
    check_parser.add_argument("--json", action="store_true")
    check_parser.set_defaults(func=check)
