#!/usr/bin/env bash
# Runs the whole test suite: every module, against real PostgreSQL 12-18 servers started by the tests, a real
# browser (Debian's chromium) for the web UI and Azurite for the Azure storage. Installs those two when missing
# and it can (as root, as CI runs it); otherwise it says what to install, and the tests that need them fail.
set -euo pipefail
cd "$(dirname "$0")"
if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    apt-get install -y -qq chromium chromium-driver >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; }
  else
    echo "test.sh: the web UI's browser tests need Debian's chromium and chromium-driver: sudo apt-get install chromium chromium-driver" >&2
  fi
fi
if ! command -v azurite-blob >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v npm >/dev/null; then
    npm install -g --no-fund --no-audit --loglevel=error azurite@3.37.0 >/dev/null
  else
    echo "test.sh: the Azure storage tests need Azurite: npm install -g azurite@3.37.0" >&2
  fi
fi
exec mvn -B -ntp verify "$@"
