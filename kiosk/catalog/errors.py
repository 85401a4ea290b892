"""The one error type of the catalog package."""


class CatalogError(Exception):
    """A catalog file, entry or value is wrong; the message names file, entry and field."""
