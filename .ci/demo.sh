#!/usr/bin/env bash
# Quick start: install Ganxin into .venv and run the demo (arguments go to `ganxin demo`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
pip_log="$(mktemp)"
if ! .venv/bin/python -m pip install -q --disable-pip-version-check -e . >"$pip_log" 2>&1; then
  cat "$pip_log" >&2; rm -f "$pip_log"; echo "pip install -e . failed" >&2; exit 1
fi
rm -f "$pip_log"
exec .venv/bin/ganxin demo "$@"
