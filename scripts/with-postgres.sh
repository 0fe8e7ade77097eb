#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server on loopback, exported as MOCKINT_TEST_POSTGRES_URL.
# Installs Debian's postgresql package when no server binaries are found; stops the server afterwards.
set -euo pipefail
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
PGBIN=$(find_bin || true)
if [ -z "$PGBIN" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing postgresql (Debian package) for the storage tests" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
    PGBIN=$(find_bin || true)
  fi
fi
if [ -z "$PGBIN" ]; then
  echo "no PostgreSQL server available: PostgreSQL tests will fail" >&2
  exec "$@"
fi
DATA=$(mktemp -d /tmp/mockint-pg.XXXXXX)
# A free port, so two runs on one machine (a developer's and CI's) do not collide.
PORT=${MOCKINT_TEST_PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
RUNAS=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$DATA" 2>/dev/null || { useradd -r postgres 2>/dev/null; chown postgres "$DATA"; }
  RUNAS=(runuser -u postgres --)
fi
"${RUNAS[@]}" "$PGBIN/initdb" -D "$DATA" -U postgres -A trust >/dev/null
if ! "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DATA" -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off" -l "$DATA/log" -w start >/dev/null; then
  cat "$DATA/log" >&2
  rm -rf "$DATA"
  exit 1
fi
cleanup() { "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$DATA"; }
trap cleanup EXIT
"${RUNAS[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres mockint_test
export MOCKINT_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/mockint_test"
"$@"
