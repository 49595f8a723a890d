#!/usr/bin/env bash
# Runs a command next to a throwaway PostgreSQL cluster: initdb into a temporary folder, start it on
# a free loopback port with its socket in that folder, export RAB_TEST_DATABASE_URL (and the usual
# PG* variables), run the command, then stop the cluster and delete the folder, whatever happened.
# The tests that need PostgreSQL read RAB_TEST_DATABASE_URL; nothing else is touched.
# Usage: scripts/with-postgres.sh <command> [args...]
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "usage: scripts/with-postgres.sh <command> [args...]" >&2
  exit 2
fi

bin="${RAB_PG_BIN:-}"
if [ -z "$bin" ]; then
  for v in 17 16 15; do
    if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then bin="/usr/lib/postgresql/$v/bin"; break; fi
  done
fi
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "with-postgres: PostgreSQL's server programs are missing. Install them: apt-get install -y postgresql" >&2
  exit 2
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/rab-postgres.XXXXXX")
# initdb refuses to run as root, so a root caller runs the cluster as the 'postgres' account.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$dir"
  as_owner=(runuser -u postgres --)
fi
chmod 700 "$dir"

stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U rab --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}

# A free port: ask the kernel for one, then give it to the cluster (a clash is retried).
for attempt in 1 2 3 4 5; do
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  if "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" >/dev/null; then
    started=1
    break
  fi
done
if [ -z "${started:-}" ]; then
  echo "with-postgres: the throwaway cluster did not start:" >&2
  cat "$dir/server.log" >&2
  exit 1
fi

"${as_owner[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U rab rab_test
export RAB_TEST_DATABASE_URL="postgres://rab@127.0.0.1:$port/rab_test"
export PGHOST=127.0.0.1 PGPORT="$port" PGUSER=rab PGDATABASE=rab_test
echo "with-postgres: throwaway PostgreSQL ($("$bin/postgres" --version | awk '{print $3}')) on 127.0.0.1:$port"
set +e
"$@"
status=$?
set -e
exit "$status"
