"""Service catalog: matters (事项), bundles (一件事), merging, time limits and search. No Qt.

Names are imported on first use (PEP 562): screens import this package at start-up, and the
search index's pypinyin tables alone take ~0.4 s to import — that belongs to the first search,
not to the start-up budget."""

from importlib import import_module

_WHERE = {
    "CatalogError": "errors",
    "Catalog": "loader", "load_with_fallback": "loader",
    "MaterialRequirement": "merge", "MatterSteps": "merge", "MergedApplication": "merge",
    "Bundle": "schema", "FormField": "schema", "Material": "schema", "Matter": "schema",
    "Validation": "schema",
    "WorkCalendar": "timelimits", "bundle_time_limit": "timelimits", "compress_sequential": "timelimits",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'kiosk.catalog' has no attribute {name!r}")
    value = getattr(import_module(f"kiosk.catalog.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
