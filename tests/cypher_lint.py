"""Neo4j's own Cypher parser and semantic analysis, run offline through Node.js."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

LINT_DIR = Path(__file__).resolve().parent / "lint"


def lint_unavailable() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    if not (LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        return "run `npm install --prefix tests/lint` (scripts/test.sh does)"
    return None


def lint(queries: list[dict]) -> dict[str, list[dict]]:
    """{name: diagnostics} for [{"name", "text", "parameters"}], in one Node process."""
    proc = subprocess.run(["node", str(LINT_DIR / "lint.mjs")], input=json.dumps(queries),
                          capture_output=True, text=True, cwd=LINT_DIR, timeout=300, check=True)
    return json.loads(proc.stdout)
