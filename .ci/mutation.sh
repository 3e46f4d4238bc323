#!/usr/bin/env bash
# Mutation testing (mutmut) of domain/ and the access policy against the fast unit tests, then the score.
# Not part of CI (it takes tens of minutes). Usage: bash .ci/mutation.sh   (MUTMUT_CHILDREN=N to set workers)
# What is mutated and which tests run: [tool.mutmut] in pyproject.toml. Afterwards `.venv/bin/mutmut results`
# lists the survivors and `.venv/bin/mutmut show NAME` shows one.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
rm -rf mutants  # always from scratch: cached results would outlive the tests that produced them
mkdir -p var
echo "mutmut over domain/ and application/shared/access.py; progress in var/mutmut.log"
.venv/bin/mutmut run --max-children "${MUTMUT_CHILDREN:-$(nproc)}" > var/mutmut.log 2>&1
.venv/bin/mutmut results --all true 2>/dev/null | .venv/bin/python .ci/mutation_score.py
echo "survivors: .venv/bin/mutmut results; one of them: .venv/bin/mutmut show NAME"
