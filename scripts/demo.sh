#!/usr/bin/env bash
# The kiosk's main job, as a demo: simulated ID-card reader, virtual printer, simulated document
# camera and a local reference platform. With a display it opens the kiosk window; without one
# it runs the scripted walkthrough offscreen and names the folder of screenshots it wrote.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/kioskctl demo run "$@"
