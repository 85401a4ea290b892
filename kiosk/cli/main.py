"""`kioskctl`: the technician's command line. One module per verb group in this package.

Every module `kiosk/cli/<name>.py` (not starting with "_", not this one) that defines
`register(subparsers)` is discovered and asked to add its verbs. Each verb sets
`func=callable(args) -> int` on its parser.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from kiosk.cli import _registry


def build_parser() -> argparse.ArgumentParser:
    _registry.reset()
    parser = argparse.ArgumentParser(prog="kioskctl", description="自助终端技术维护命令行 / kiosk technician CLI")
    parser.add_argument("--config", help="configuration file (default: config/kiosk.toml)")
    subparsers = parser.add_subparsers(dest="command", required=True)
    import kiosk.cli as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("_") or info.name == "main":
            continue
        module = importlib.import_module(f"kiosk.cli.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
