#!/usr/bin/env bash
# Run bench.load_cases on SQLite (a temp file) and then on a throwaway PostgreSQL cluster, one after the other.
# Usage: bash bench/run_all.sh [load_cases arguments]      e.g. bash bench/run_all.sh --cases 100000
# The cluster keeps PostgreSQL's durable defaults (fsync, synchronous_commit, full_page_writes on): it is a
# benchmark of what production would do, unlike .ci/test.sh's cluster, which turns them off for speed.
# BENCH_PG_PORT (default 55433) picks the port; BENCH_ONLY=sqlite|postgresql runs one database only;
# BENCH_MODULE=bench.audit runs the seal/verify benchmark instead of bench.load_cases.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

port="${BENCH_PG_PORT:-55433}"
only="${BENCH_ONLY:-}"
module="${BENCH_MODULE:-bench.load_cases}"
work="$(mktemp -d /tmp/ganxin-bench.XXXXXX)"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
as_pg=()
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$work"; as_pg=(runuser -u postgres --); fi
chmod 700 "$work"

cleanup() {
  if [ -f "$work/data/postmaster.pid" ]; then
    (cd / && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null 2>&1) || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "$only" != "postgresql" ]; then
  echo "=== SQLite: temporary file $work/bench.db"
  .venv/bin/python -m "$module" --database-url "sqlite:///$work/bench.db" "$@"
fi

if [ "$only" != "sqlite" ]; then
  if ! (cd / && "${as_pg[@]}" "$pg_bin/initdb" -D "$work/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
        >"$work/initdb.log" 2>&1); then
    cat "$work/initdb.log" >&2; echo "initdb failed" >&2; exit 1
  fi
  cat >> "$work/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$work'
max_connections = 100
# Durability stays at PostgreSQL's defaults on purpose: fsync, synchronous_commit and full_page_writes on.
CONF
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' > "$work/data/pg_hba.conf"
  (cd / && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/data" -l "$work/server.log" -W start >/dev/null)
  for _ in $(seq 1 150); do "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break; sleep 0.2; done
  "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" || { cat "$work/server.log" >&2; exit 1; }
  "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres ganxin_bench
  echo "=== PostgreSQL: throwaway cluster on 127.0.0.1:$port"
  .venv/bin/python -m "$module" --database-url "postgresql://postgres@127.0.0.1:$port/ganxin_bench" "$@"
fi
