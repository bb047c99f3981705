#!/usr/bin/env bash
# Print a DATABASE_URL for the test suite, making sure a PostgreSQL server answers.
#
# - DATABASE_URL already set: printed unchanged, nothing else is touched.
# - A server answers on 127.0.0.1:5432: used as is.
# - Otherwise the machine's Debian PostgreSQL is started (and installed with
#   apt-get when absent), so that `make test` never depends on a server someone
#   started by hand.
# A role `snimh` (password `snimh`, allowed to create the test database and the
# extensions the schema uses) is created through the local `postgres` superuser.
set -euo pipefail

if [ -n "${DATABASE_URL:-}" ]; then
  printf '%s\n' "$DATABASE_URL"
  exit 0
fi

log() { printf 'ensure-postgres: %s\n' "$*" >&2; }

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    sudo -n -u postgres -- "$@"
  fi
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n -- "$@"; fi
}

answers() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

if ! command -v pg_isready >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  log "PostgreSQL is not installed: installing Debian's postgresql package"
  as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >&2
fi

if ! answers; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$version main$"; then
    log "creating cluster $version/main"
    as_root pg_createcluster "$version" main >&2
  fi
  log "starting cluster $version/main"
  as_root pg_ctlcluster "$version" main start >&2 || true
  for _ in $(seq 1 60); do
    answers && break
    sleep 0.5
  done
  answers || { log "PostgreSQL did not start; see /var/log/postgresql/"; exit 1; }
fi

# Idempotent: create or refresh the test role. Superuser because the schema's
# migrations create extensions (btree_gist, unaccent) in the test database.
as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres >&2 <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'snimh') THEN
    CREATE ROLE snimh LOGIN SUPERUSER PASSWORD 'snimh';
  END IF;
END
$$;
SQL
if ! as_postgres psql -tAq -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'snimh'" | grep -q 1; then
  as_postgres createdb -O snimh snimh >&2
fi

printf '%s\n' "postgres://snimh:snimh@127.0.0.1:5432/snimh"
