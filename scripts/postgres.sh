#!/usr/bin/env bash
# Make a local PostgreSQL 15 ready for the platform tests and print its database URL.
# Installs the Debian packages when missing, starts (or creates) the 15/main cluster on
# loopback, and creates the role and database `kiosk` (password `kiosk`). Safe to run again.
# Needs root (apt-get, pg_ctlcluster). Usage: scripts/postgres.sh  → prints the URL on stdout.
set -euo pipefail

VERSION=15
PORT=${KIOSK_PG_PORT:-5432}
URL="postgresql+psycopg://kiosk:kiosk@127.0.0.1:${PORT}/kiosk"

log() { echo "postgres.sh: $*" >&2; }

if [ ! -x "/usr/lib/postgresql/${VERSION}/bin/postgres" ]; then
    log "installing postgresql-${VERSION} from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq "postgresql-${VERSION}" >&2
fi

if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "${VERSION} main"; then
    log "creating cluster ${VERSION}/main on port ${PORT}"
    pg_createcluster "${VERSION}" main --port="${PORT}" >&2
fi

# Loopback only: the platform tests never need a network-visible database.
CONF_D="/etc/postgresql/${VERSION}/main/conf.d"
mkdir -p "${CONF_D}"
printf "listen_addresses = '127.0.0.1'\n" > "${CONF_D}/kiosk.conf"

if ! pg_lsclusters -h | awk -v v="${VERSION}" '$1==v && $2=="main" {print $4}' | grep -q online; then
    log "starting cluster ${VERSION}/main"
    pg_ctlcluster "${VERSION}" main start >&2
fi

for _ in $(seq 1 30); do
    if runuser -u postgres -- pg_isready -q -h 127.0.0.1 -p "${PORT}"; then break; fi
    sleep 0.5
done
runuser -u postgres -- pg_isready -h 127.0.0.1 -p "${PORT}" >&2

psql_admin() { runuser -u postgres -- psql -p "${PORT}" -v ON_ERROR_STOP=1 -qAt "$@"; }

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='kiosk'")" != "1" ]; then
    log "creating role kiosk"
    psql_admin -c "CREATE ROLE kiosk LOGIN PASSWORD 'kiosk'" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='kiosk'")" != "1" ]; then
    log "creating database kiosk"
    psql_admin -c "CREATE DATABASE kiosk OWNER kiosk" >&2
fi

echo "${URL}"
