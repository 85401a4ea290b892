"""Alembic migrations of the offline store, run programmatically (see offline_store/db.py).

KNOWN_REVISIONS lists every revision in order so start-up can compare the database's revision
with the code's without importing Alembic (a test keeps it equal to the scripts).
"""

KNOWN_REVISIONS = ("0001_initial", "0002_validation_failures_one_rating")
HEAD = KNOWN_REVISIONS[-1]
