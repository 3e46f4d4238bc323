#!/usr/bin/env bash
# The test command: installs what is missing, lints and type-checks, starts a throwaway PostgreSQL, runs pytest.
# Usage: bash .ci/test.sh [pytest arguments]    e.g. bash .ci/test.sh tests/unit -x
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "ganxin tests on $(uname -m), $(nproc) CPUs, $(python3 --version 2>&1 || echo 'no python3 yet')"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# 1. System packages: apt only runs when something is missing.
missing=()
for pkg in python3 python3-venv postgresql chromium fonts-wqy-zenhei \
           libreoffice-core libreoffice-calc poppler-utils; do
  installed "$pkg" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing with apt: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. Python environment: reinstall only when pyproject.toml or the package list changed.
[ -x .venv/bin/python ] || python3 -m venv .venv
stamp="$( (cat pyproject.toml; ls -d -- */__init__.py 2>/dev/null) | sha256sum | cut -c1-64)"
if [ "$(cat .venv/.ganxin-test-stamp 2>/dev/null || true)" != "$stamp" ]; then
  pip_log="$(mktemp)"
  if ! .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]' >"$pip_log" 2>&1; then
    cat "$pip_log"; rm -f "$pip_log"; echo "pip install -e '.[test]' failed" >&2; exit 1
  fi
  rm -f "$pip_log"
  echo "$stamp" > .venv/.ganxin-test-stamp
fi

# 3. Lint, format and types (settings in pyproject.toml), before anything slower: any finding fails the run.
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy domain application

# 4. A throwaway PostgreSQL cluster on 127.0.0.1, removed on exit whatever happens.
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
pg_dir="$(mktemp -d /tmp/ganxin-pg.XXXXXX)"
pg_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
as_pg=()
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$pg_dir"; as_pg=(runuser -u postgres --); fi
chmod 700 "$pg_dir"

cleanup() {
  if [ -f "$pg_dir/data/postmaster.pid" ]; then
    (cd / && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1) || true
  fi
  rm -rf "$pg_dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! (cd / && "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1); then
  cat "$pg_dir/initdb.log" >&2; echo "initdb failed" >&2; exit 1
fi
cat >> "$pg_dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$pg_dir'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' > "$pg_dir/data/pg_hba.conf"
(cd / && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -W start >/dev/null)
for _ in $(seq 1 150); do
  "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" && break
  sleep 0.2
done
if ! "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; then
  cat "$pg_dir/server.log" >&2; echo "PostgreSQL did not start within 30 s" >&2; exit 1
fi

export GANXIN_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$pg_port/postgres"
export GANXIN_TEST_CHROMIUM=/usr/bin/chromium

# 5. The tests, spread over GANXIN_TEST_WORKERS processes (default 3: the suite waits on servers and
#    databases more than it computes, so three keep two cores busy); one module stays on one worker so its
#    served world is built once. `-n 0` among the arguments runs everything in one process.
#    Exit code 5 (nothing collected) is a failure too.
rc=0
.venv/bin/python -m pytest -n "${GANXIN_TEST_WORKERS:-3}" --dist loadscope "$@" || rc=$?
if [ "$rc" -eq 5 ]; then
  echo "FAILED: pytest collected no tests (arguments: ${*:-none})" >&2
  exit 1
fi
exit "$rc"
