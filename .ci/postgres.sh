# shellcheck shell=bash
# Sourced by .ci/run: a throwaway PostgreSQL cluster on a unix socket for the store tests.
start_postgres() {
  # A throwaway PostgreSQL cluster on a unix socket, for the store's PostgreSQL tests.
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null; } || return 1
  fi
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGDIR=$(mktemp -d /tmp/warledger-pg.XXXXXX)
  chown postgres "$PGDIR"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres >/dev/null || return 1
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" \
    -o "-p 55432 -k $PGDIR -c listen_addresses=''" -w start >/dev/null || return 1
  runuser -u postgres -- "$PGBIN/createdb" -h "$PGDIR" -p 55432 warledger_test || return 1
  export WARLEDGER_TEST_POSTGRES="postgresql://postgres@/warledger_test?host=$PGDIR&port=55432"
}
stop_postgres() {
  [ -n "${PGDIR:-}" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1
  [ -n "${PGDIR:-}" ] && rm -rf "$PGDIR"
  return 0
}
