"""Subprocess for the crash test. A zygote: imports everything once, then for each line
"enqueue SEED OUTFILE" or "sync OUTFILE" on stdin forks a worker and prints its pid. Workers
run until SIGKILLed by the test: enqueue queues applications forever (writing each uuid to
OUTFILE after its commit), sync sends forever. Forking keeps the 50+ kills cheap; the workers
are still separate processes with their own database connections."""

from __future__ import annotations

import os
import random
import signal
import sys
from pathlib import Path

from kiosk.sync.engine import EngineSettings, SyncEngine
from kiosk.sync.enrolment import client_for, load_enrolment
from offline_store import Attachment, Store


def work(mode: str, data_dir: Path, out, seed: int) -> None:
    enrolment = load_enrolment(data_dir)
    store = Store.open(data_dir, site_code=enrolment.site_code,
                       device_code=enrolment.device_code, min_free_mb=0)
    out.write("ready\n")
    out.flush()
    if mode == "enqueue":
        rng = random.Random(seed)
        while True:
            body = {"matter_code": "M-1", "title": "参保登记",
                    "applicant": {"name": "测试人", "id_number": "43100219800101123X"},
                    "materials": [{"name": "户口簿", "status": "received", "attachments": [0]}]}
            scan = Attachment("scan.jpg", "image/jpeg", rng.randbytes(rng.randint(500, 20000)))
            result = store.enqueue_submission(body, [scan])
            out.write(result.uuid + "\n")
            out.flush()
    client = client_for(data_dir, connect_timeout=2, read_timeout=5, keep_alive=False)
    engine = SyncEngine(store, client, app_version="crash",
                        settings=EngineSettings(backoff_min_s=0.01, backoff_max_s=0.1))
    while True:
        engine.drain(until_empty=True)


def main() -> None:
    data_dir = Path(sys.argv[1])
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps killed workers
    for line in sys.stdin:
        mode, *rest = line.split()
        seed = int(rest[0]) if mode == "enqueue" else 0
        outfile = rest[-1]
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            with open(outfile, "w", encoding="utf-8") as out:
                work(mode, data_dir, out, seed)
            os._exit(0)
        print(pid, flush=True)


if __name__ == "__main__":
    main()
