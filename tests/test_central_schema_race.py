"""Several platform processes opening the same brand-new SQLite file at once: every one gets
the full schema and none dies on "table already exists" (CI once lost that race)."""

from __future__ import annotations

import subprocess
import sys
import time

from sqlalchemy import inspect

from central.db import make_engine
from central.models import Base

_OPEN = (
    "import sys, time\n"
    "from central.db import open_database\n"
    "while time.time() < float(sys.argv[2]): pass\n"  # start together, not staggered by fork
    "open_database(sys.argv[1])\n"
)


def test_concurrent_first_opens_all_succeed(tmp_path):
    for round_no in range(3):
        db_url = f"sqlite:///{tmp_path / f'race{round_no}.db'}"
        start_at = str(time.time() + 2.0)
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", _OPEN, db_url, start_at],
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(6)
        ]
        failures = [p.stderr.read() for p in procs if p.wait(timeout=60) != 0]
        assert failures == [], failures[0][-2000:]
        engine = make_engine(db_url)
        try:
            assert set(inspect(engine).get_table_names()) >= set(Base.metadata.tables)
        finally:
            engine.dispose()
