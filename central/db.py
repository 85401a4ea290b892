"""Engine creation and schema set-up for SQLite (default) and PostgreSQL (by URL)."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from central.models import Base

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_S = 30

# Arbitrary constant: serialises concurrent create_all() calls from several platform processes.
_SCHEMA_LOCK_KEY = 0x6B696F736B


def make_engine(db_url: str) -> Engine:
    """An engine for `db_url`; SQLite gets WAL and a generous busy timeout because the
    threaded server and the CLI write to the same file concurrently."""
    if db_url.startswith("sqlite"):
        kwargs: dict = {
            "connect_args": {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S}
        }
        if db_url in ("sqlite://", "sqlite:///:memory:"):
            kwargs["poolclass"] = StaticPool
        engine = create_engine(db_url, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
            cursor = dbapi_conn.cursor()
            _enable_wal(cursor)
            # FULL, not NORMAL: a kiosk marks an item "accepted" on our reply and later purges
            # its copy, so the reply must mean the row survives a power cut. In WAL mode
            # NORMAL skips the fsync at commit (durable against a crash of this process, not
            # of the machine). Measured with `kioskctl bench sync`: the fsync per upload costs
            # about a fifth of the drain rate, which stays well above the budget.
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(db_url, pool_pre_ping=True)


def _enable_wal(cursor: sqlite3.Cursor) -> None:
    """Switch the file to WAL, waiting out other processes doing the same.

    Leaving rollback mode takes an exclusive lock, and SQLite asks for it without calling the
    busy handler: a process opening a brand-new file while another one is still switching it
    gets "database is locked" at once (CI lost 1 of 6 such processes). WAL mode is stored in
    the file, so once any process has switched it the pragma is a no-op for the rest."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    delay = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


def init_schema(engine: Engine) -> None:
    """Create missing tables. On PostgreSQL an advisory lock keeps two starting workers
    from racing on CREATE TABLE."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SCHEMA_LOCK_KEY})
            Base.metadata.create_all(conn)
    else:
        # SQLite has no advisory lock, but its DDL is transactional: BEGIN IMMEDIATE takes the
        # file's write lock before create_all() looks for tables, so a second process starting
        # on the same new file waits (busy timeout) and then finds every table in place.
        # Retrying on "already exists" instead lost the race three times in a row in CI.
        with engine.connect() as conn:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            Base.metadata.create_all(conn)
            conn.commit()


def open_database(db_url: str) -> sessionmaker[Session]:
    """Engine + schema + session factory, ready to use."""
    engine = make_engine(db_url)
    init_schema(engine)
    log.info("platform database ready (%s)", engine.dialect.name)
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def database(db_url: str) -> Iterator[sessionmaker[Session]]:
    """A session factory for one short job (CLI verbs, tests); the engine and its pooled
    connections are closed afterwards, so repeated calls never pile up PostgreSQL clients."""
    sessions = open_database(db_url)
    try:
        yield sessions
    finally:
        sessions.kw["bind"].dispose()
