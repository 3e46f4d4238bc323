"""Ganxin's test suite (run it with `bash .ci/test.sh`)."""
