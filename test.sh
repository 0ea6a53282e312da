#!/usr/bin/env bash
# Runs the whole test suite: every module, against real PostgreSQL 12-18 servers started by the tests.
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B -ntp verify "$@"
