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
    code = int(args.func(args) or 0)
    if argv is None and "PySide6.QtWidgets" in sys.modules:
        exit_without_qt_teardown(code)
    return code


def exit_without_qt_teardown(code: int) -> None:
    """End a process that ran Qt without the interpreter's final garbage collection: PySide6 can
    abort there ("bool_dealloc", exit 134) after a long run with many threads and widgets —
    seen after `bench ui` had printed its figures. Everything is flushed first; nothing is lost."""
    import logging
    import os

    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
