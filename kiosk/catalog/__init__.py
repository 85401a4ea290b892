"""Service catalog: matters (事项), bundles (一件事), merging, time limits and search. No Qt."""

from kiosk.catalog.errors import CatalogError
from kiosk.catalog.loader import Catalog, load_with_fallback
from kiosk.catalog.merge import MaterialRequirement, MatterSteps, MergedApplication
from kiosk.catalog.schema import Bundle, FormField, Material, Matter, Validation
from kiosk.catalog.timelimits import WorkCalendar, bundle_time_limit, compress_sequential

__all__ = [
    "Bundle",
    "Catalog",
    "CatalogError",
    "FormField",
    "Material",
    "MaterialRequirement",
    "Matter",
    "MatterSteps",
    "MergedApplication",
    "Validation",
    "WorkCalendar",
    "bundle_time_limit",
    "compress_sequential",
    "load_with_fallback",
]
