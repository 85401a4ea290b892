"""SQLite engine (WAL, synchronous=FULL), start-up migrations with a backup, integrity check.

Two engines share the file: `writer` starts every transaction with BEGIN IMMEDIATE so two
writers (the UI's store worker, the sync thread, a `kioskctl` process) queue on the write lock
instead of failing when a read transaction tries to upgrade; `reader` uses plain BEGIN.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from offline_store.errors import SchemaTooNew, StoreCorrupt
from offline_store.migrations import HEAD, KNOWN_REVISIONS

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 15000
KEEP_BACKUPS = 3
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _configure(dbapi_conn: sqlite3.Connection, _record) -> None:
    # Let SQLAlchemy's begin event issue BEGIN; pysqlite's own implicit BEGIN is unreliable.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    _switch_to_wal(cur)
    cur.execute("PRAGMA synchronous = FULL")  # a committed enqueue survives a power cut
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


def _switch_to_wal(cur: sqlite3.Cursor) -> None:
    # Leaving rollback mode needs an exclusive lock that SQLite requests without its busy
    # handler: a second process (kioskctl beside the app) opening a new store while the first
    # still holds the write lock gets "database is locked" at once. WAL is stored in the file,
    # so this only ever waits on a brand-new store.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.005
    while True:
        try:
            cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


def make_engine(db_path: Path, *, immediate: bool) -> Engine:
    engine = create_engine(
        f"sqlite:///{db_path}", connect_args={"check_same_thread": False, "timeout": 15}
    )
    event.listen(engine, "connect", _configure)
    begin_sql = "BEGIN IMMEDIATE" if immediate else "BEGIN"

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        conn.exec_driver_sql(begin_sql)

    return engine


def current_revision(db_path: Path) -> str | None:
    """The database's Alembic revision, or None for a new/empty database."""
    if not db_path.exists():
        return None
    conn = sqlite3.connect(db_path, timeout=15)
    try:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_table:
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise StoreCorrupt(f"{db_path}: not a readable SQLite database ({exc})") from None
    finally:
        conn.close()


def refuse_if_too_new(db_path: Path, revision: str | None) -> None:
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise SchemaTooNew(
            f"{db_path}: database schema revision {revision!r} is newer than this kiosk "
            f"software knows (latest known: {HEAD!r}). It was written by a newer version; "
            "refusing to open it so nothing is lost. Install that version again, or restore "
            "the backup made before the upgrade."
        )


def backup(db_path: Path, revision: str | None) -> Path:
    """Consistent copy through SQLite's backup API (safe while WAL holds recent commits)."""
    backups = db_path.parent / "backups"
    backups.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = backups / f"{db_path.stem}-{revision or 'none'}-{stamp}.db"
    src = sqlite3.connect(db_path, timeout=15)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    old = sorted(backups.glob(f"{db_path.stem}-*.db"))
    for stale in old[:-KEEP_BACKUPS]:
        stale.unlink()
    log.info("backed up %s (revision %s) to %s before migrating", db_path, revision, target)
    return target


def migrate(db_path: Path, target: str = "head") -> str | None:
    """Bring the database to `target`. Returns the backup path when one was made.

    Runs before any worker: the caller opens the store only after this returns.
    """
    revision = current_revision(db_path)
    refuse_if_too_new(db_path, revision)
    if revision == HEAD and target == "head":
        return None
    if revision is None and target == "head" and not _has_tables(db_path):
        create_at_head(db_path)
        return None
    backup_path = None
    if revision is not None:
        backup_path = str(backup(db_path, revision))

    from alembic import command  # imported lazily: costly, and only needed when migrating
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = make_engine(db_path, immediate=False)
    try:
        with engine.connect() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, target)
            conn.commit()
    finally:
        engine.dispose()
    log.info("database %s migrated from %s to %s", db_path, revision, target)
    return backup_path


def _has_tables(db_path: Path) -> bool:
    if not db_path.exists():
        return False
    conn = sqlite3.connect(db_path, timeout=15)
    try:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table'").fetchone() is not None
    except sqlite3.DatabaseError as exc:
        raise StoreCorrupt(f"{db_path}: not a readable SQLite database ({exc})") from None
    finally:
        conn.close()


def create_at_head(db_path: Path) -> None:
    """A new database gets the models' schema and the head revision in one transaction, without
    Alembic: importing it (with Mako and Pygments) would stay in the kiosk's memory for months
    for a job done once. Upgrades of an existing database still run the migration scripts; a
    test keeps this schema equal to the one the scripts build."""
    from sqlalchemy import text

    from offline_store.models import Base

    engine = make_engine(db_path, immediate=True)
    try:
        with engine.begin() as conn:
            Base.metadata.create_all(conn)
            conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                              "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"))
            conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:head)"), {"head": HEAD})
    finally:
        engine.dispose()
    log.info("new database %s created at revision %s", db_path, HEAD)


def integrity_check(db_path: Path, *, quick: bool = True) -> None:
    """PRAGMA quick_check / integrity_check and foreign_key_check; raise StoreCorrupt."""
    conn = sqlite3.connect(db_path, timeout=15)
    try:
        pragma = "quick_check" if quick else "integrity_check"
        rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
        if rows != ["ok"]:
            raise StoreCorrupt(f"{db_path}: SQLite {pragma} failed: {'; '.join(rows[:5])}")
        bad = conn.execute("PRAGMA foreign_key_check").fetchall()
        if bad:
            raise StoreCorrupt(f"{db_path}: {len(bad)} rows break foreign keys, e.g. {bad[0]}")
    except sqlite3.DatabaseError as exc:
        raise StoreCorrupt(f"{db_path}: integrity check could not run: {exc}") from None
    finally:
        conn.close()

