"""A new database is created from the models at the head revision without Alembic (so the
kiosk never loads it for a job done once); the migration scripts must build the same schema."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from offline_store import db
from offline_store.migrations import HEAD


def _schema(path) -> dict:
    """Tables with their columns, indexes (with partial-index conditions) and foreign keys."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        schema = {}
        for table in tables:
            columns = {(r[1], r[2].upper(), r[3], r[4], r[5])
                       for r in conn.execute(f"PRAGMA table_info('{table}')")}
            indexes = set()
            for _seq, name, unique, _origin, partial in conn.execute(f"PRAGMA index_list('{table}')"):
                cols = tuple(r[2] for r in conn.execute(f"PRAGMA index_info('{name}')"))
                sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
                where = " ".join(sql.split("WHERE", 1)[1].split()) if sql and partial else None
                indexes.add((name if not name.startswith("sqlite_autoindex") else "auto", unique, cols, where))
            keys = {tuple(r[2:5]) for r in conn.execute(f"PRAGMA foreign_key_list('{table}')")}
            schema[table] = {"columns": columns, "indexes": indexes, "foreign_keys": keys}
        return schema
    finally:
        conn.close()


def test_new_database_matches_the_migration_scripts(tmp_path):
    fresh, scripted = tmp_path / "fresh.db", tmp_path / "scripted.db"
    assert db.migrate(fresh) is None                 # created at head from the models
    assert db.migrate(scripted, target=HEAD) is None  # every script from an empty database
    assert db.current_revision(fresh) == db.current_revision(scripted) == HEAD
    ours, theirs = _schema(fresh), _schema(scripted)
    assert set(ours) == set(theirs)
    for table in ours:
        assert ours[table] == theirs[table], table
    db.integrity_check(fresh)


def test_new_database_does_not_import_alembic(tmp_path):
    probe = ("import sys; from pathlib import Path; from offline_store import db; "
             f"db.migrate(Path({str(tmp_path / 'kiosk.db')!r})); print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
    assert db.current_revision(tmp_path / "kiosk.db") == HEAD


def test_a_database_with_tables_but_no_revision_is_not_recreated(tmp_path):
    """Tables without alembic_version are someone else's file (or a half-made one): the scripts
    run on it and fail loudly instead of a silent create over it."""
    path = tmp_path / "kiosk.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE outbox_items (uuid TEXT PRIMARY KEY)")
    conn.commit()
    conn.close()
    with pytest.raises(Exception, match="outbox_items"):
        db.migrate(path)
