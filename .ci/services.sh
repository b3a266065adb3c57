#!/usr/bin/env bash
# Real components the slow tests use, from Debian's packages: PostgreSQL (started, with a
# throw-away database) and Chromium (for the dashboard test). Prints the export lines.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
as_postgres() { if [ -z "$SUDO" ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
if ! command -v pg_ctlcluster >/dev/null || [ ! -x /usr/bin/chromium ]; then
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql chromium >&2
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q online; then
  pg_lsclusters -h | grep -q . || $SUDO pg_createcluster "$version" main >&2
  $SUDO pg_ctlcluster "$version" main start >&2
fi
for _ in $(seq 30); do as_postgres psql -qAtc "select 1" >/dev/null 2>&1 && break; sleep 1; done
as_postgres psql -qc "DROP DATABASE IF EXISTS sitrep_test" >&2
as_postgres psql -qc "DROP ROLE IF EXISTS sitrep_test" >&2
as_postgres psql -qc "CREATE ROLE sitrep_test LOGIN PASSWORD 'sitrep_test'" >&2
as_postgres psql -qc "CREATE DATABASE sitrep_test OWNER sitrep_test" >&2
# bench/api.py checkpoints after loading, so its figures do not include the load's write-out
as_postgres psql -qc "GRANT pg_checkpoint TO sitrep_test" >&2
echo "export SITREP_TEST_PG=postgresql://sitrep_test:sitrep_test@127.0.0.1:5432/sitrep_test"
