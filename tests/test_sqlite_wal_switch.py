"""SQLite refuses the switch to WAL at once, without calling its busy handler, while another
connection holds the write lock on a rollback-journal file. Both the platform and the kiosk's
store open brand-new files beside other processes (6 platform workers starting together lost
this race in CI), so both wait for the lock instead of failing."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from central.db import make_engine as make_platform_engine
from offline_store.db import make_engine as make_store_engine

ENGINES = {
    "platform": lambda path: make_platform_engine(f"sqlite:///{path}"),
    "kiosk store": lambda path: make_store_engine(path, immediate=False),
}


@pytest.mark.parametrize("which", ENGINES)
def test_wal_switch_waits_for_another_writer(tmp_path: Path, which: str):
    db_file = tmp_path / "held.db"
    holder = sqlite3.connect(db_file, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO t VALUES (1)")
    release = threading.Timer(0.5, holder.execute, ["COMMIT"])
    release.start()
    engine = ENGINES[which](db_file)
    try:
        with engine.connect() as conn:
            mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
            rows = conn.exec_driver_sql("SELECT count(*) FROM t").scalar()
        assert (mode, rows) == ("wal", 1)
    finally:
        release.join()
        engine.dispose()
        holder.close()


@pytest.mark.parametrize("which", ENGINES)
def test_other_errors_are_not_retried(tmp_path: Path, which: str):
    not_a_db = tmp_path / "garbage.db"
    not_a_db.write_bytes(b"this is not an SQLite file" * 100)
    engine = ENGINES[which](not_a_db)
    try:
        with pytest.raises(Exception, match="not a database"):
            with engine.connect():
                pass
    finally:
        engine.dispose()
