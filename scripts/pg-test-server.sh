#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests (issue 21): initdb and pg_ctl as the postgres user,
# listening on a Unix socket in DIR only (no TCP port), with a database scrub_test, trust for
# the postgres role, and a role scrub_pw whose password (scram-sha-256) is scrub-test-password,
# for the authentication tests. `start` prints the URI to export as SCRUB_TEST_POSTGRES.
# Needs Debian's postgresql package and root (or the postgres user itself).
# Usage: scripts/pg-test-server.sh start|stop DIR
set -euo pipefail
action=${1:?usage: pg-test-server.sh start|stop DIR}
dir=${2:?usage: pg-test-server.sh start|stop DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "pg-test-server.sh: no PostgreSQL server (apt-get install postgresql)" >&2; exit 69; }
as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}
case $action in
  start)
    mkdir -p "$dir"
    chown postgres "$dir" 2>/dev/null || true
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=reject \
      -E UTF8 --locale=C >"$dir/initdb.log"
    # First match wins: the password role must not fall through to trust.
    { echo "local all scrub_pw scram-sha-256"; cat "$dir/data/pg_hba.conf"; } >"$dir/hba" &&
      as_postgres cp "$dir/hba" "$dir/data/pg_hba.conf"
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off" start >/dev/null
    as_postgres "$bin/psql" -h "$dir" -U postgres -q -c "CREATE DATABASE scrub_test" \
      -c "SET password_encryption = 'scram-sha-256'" \
      -c "CREATE ROLE scrub_pw LOGIN PASSWORD 'scrub-test-password'" >/dev/null
    echo "postgresql:///scrub_test?host=$dir&user=postgres"
    ;;
  stop)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  *)
    echo "usage: pg-test-server.sh start|stop DIR" >&2
    exit 64
    ;;
esac
