#!/usr/bin/env bash
# The test command (README "Run the tests"): installs everything the tests need into .venv
# and tests/lint/node_modules, then runs the test suite and the linter. It passes wherever the
# checkout sits; set TECHKG_ARTICLES to the real article texts to also run the real-corpus
# quote checks (they skip, saying why, otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
. .venv/bin/activate
python -m pip install --quiet -e '.[test]'
npm install --silent --no-audit --no-fund --prefix tests/lint
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "chromium not installed: the HTML view test will say why it skips"
fi
ruff check .
python -m pytest "$@"
