#!/usr/bin/env bash
# The test command (README "Run the tests"): installs everything the tests need into .venv
# and tests/lint/node_modules, then runs the linter and the test suite. It passes wherever the
# checkout sits; set TECHKG_ARTICLES to the real article texts to also run the real-corpus
# quote checks (they skip, saying why, otherwise).
#
# Each step prints one line saying what it does. Installs are skipped when nothing they
# depend on changed (a stamp holds the hash of pyproject.toml, resp. the linter's lock file):
# a second run goes straight to the tests. As root on a system with apt-get and no chromium,
# it installs chromium (for the real-browser tests of the explorer and the HTML view).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf 'test.sh: %s\n' "$*" >&2; }
hash_of() { sha256sum "$1" | cut -c1-64; }

if [ ! -x .venv/bin/python ]; then
  step "creating the virtual environment .venv (python3 -m venv)"
  python3 -m venv .venv
fi
. .venv/bin/activate
if [ "$(cat .venv/.techkg-installed 2>/dev/null)" != "$(hash_of pyproject.toml)" ]; then
  step "installing techkg (editable) and its test extras into .venv with pip: neo4j driver," \
       "typer, pydantic, rapidfuzz, pycountry, lemminflect and python-crfsuite (drafting), arcadedb-embedded" \
       "(the local engine, with its own Java runtime), starlette, uvicorn and jinja2 (the" \
       "explorer), networkx, pytest, testcontainers, ruff, followthemoney, hypothesis," \
       "playwright (it drives the system chromium; no browser download) (a few minutes the" \
       "first time)"
  python -m pip install --quiet --no-compile --disable-pip-version-check -e '.[test]'
  hash_of pyproject.toml > .venv/.techkg-installed
else
  step ".venv already has what pyproject.toml asks for (pip install skipped)"
fi
if [ "$(cat tests/lint/node_modules/.techkg-installed 2>/dev/null)" \
     != "$(hash_of tests/lint/package-lock.json)" ]; then
  step "installing Neo4j's Cypher linter into tests/lint/node_modules (npm)"
  npm install --silent --no-audit --no-fund --prefix tests/lint
  hash_of tests/lint/package-lock.json > tests/lint/node_modules/.techkg-installed
else
  step "the Cypher linter is installed (npm install skipped)"
fi
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    step "installing chromium as root with apt-get (for the real-browser tests)"
    (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
      || step "chromium not installed: the browser tests will say why they skip"
  else
    step "no chromium: the browser tests will say why they skip"
  fi
fi
step "ruff check ."
ruff check .
step "python -m pytest $*"
python -m pytest "$@"
