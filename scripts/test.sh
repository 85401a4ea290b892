#!/usr/bin/env bash
# The whole test suite (what CI runs): set-up, lint, layer contracts, pytest.
# With KIOSK_TEST_PG=1 (CI sets it) a local PostgreSQL is started and the platform tests also
# run against it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "${KIOSK_TEST_PG:-0}" = "1" ] && [ -z "${KIOSK_TEST_PG_URL:-}" ]; then
    KIOSK_TEST_PG_URL=$(bash scripts/postgres.sh)
    export KIOSK_TEST_PG_URL
fi
.venv/bin/ruff check kiosk drivers screens offline_store central tests scripts
.venv/bin/lint-imports
exec .venv/bin/pytest -q "$@"
