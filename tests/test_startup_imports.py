"""The home screen must come up within 1.5 s on a 2-core machine: building the window (all screens
registered) must not import the heavy libraries that only later steps need. They load on a worker
thread (services) or on first use (search, printing)."""

import json
import subprocess
import sys

HEAVY = ["sqlalchemy", "pypinyin", "escpos", "cv2", "numpy", "fastapi", "PIL", "jieba"]


def test_window_and_screen_registry_do_not_import_heavy_libraries():
    code = (
        "import json, sys\n"
        "from kiosk.app import screen_registry\n"
        "screen_registry()\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
