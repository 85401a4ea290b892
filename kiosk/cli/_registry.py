"""Shared sub-command groups (sim, bench, ...) that several CLI modules add verbs to."""

from __future__ import annotations

import argparse

_groups: dict[str, argparse._SubParsersAction] = {}


def group(subparsers: argparse._SubParsersAction, name: str, help_text: str) -> argparse._SubParsersAction:
    """Return the sub-parsers of verb group `name` (e.g. "sim", "bench"), creating it once."""
    if name not in _groups:
        parser = subparsers.add_parser(name, help=help_text)
        _groups[name] = parser.add_subparsers(dest=f"{name}_verb", required=True)
    return _groups[name]


def reset() -> None:
    _groups.clear()
