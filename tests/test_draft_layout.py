"""The drafting package's shape: its modules import one another without a cycle, at module
level only (no import hidden inside a function), and nothing outside it reaches past its entry
module except the tests of single rules."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "loaders" / "draft"
PREFIX = "techkg.loaders.draft"


def _imports(path: Path) -> tuple[set[str], list[str]]:
    """(modules of the package imported at module level, imports made inside a function)."""
    tree = ast.parse(path.read_text("utf-8"))
    top = {node.module.removeprefix(PREFIX + ".") for node in tree.body
           if isinstance(node, ast.ImportFrom) and node.module
           and node.module.startswith(PREFIX + ".")}
    nested = [ast.unparse(n) for f in ast.walk(tree)
              if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
              for n in ast.walk(f) if isinstance(n, (ast.Import, ast.ImportFrom))]
    return top, nested


def test_no_circular_import_and_none_inside_functions() -> None:
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.glob("*.py")):
        top, nested = _imports(path)
        assert nested == [], f"{path.name} imports inside a function: {nested}"
        graph[path.stem] = top
    done: set[str] = set()

    def visit(node: str, stack: tuple[str, ...]) -> None:
        assert node not in stack, f"circular import: {' -> '.join((*stack, node))}"
        if node in done:
            return
        for nxt in graph.get(node, ()):
            visit(nxt, (*stack, node))
        done.add(node)

    for module in graph:
        visit(module, ())
    assert graph["__init__"] and "__init__" not in {m for t in graph.values() for m in t}


def test_the_cli_and_benchmarks_use_the_entry_module_only() -> None:
    for path in [ROOT / "cli" / "app.py", *sorted((ROOT / "benchmarks").glob("*.py"))]:
        text = path.read_text("utf-8")
        assert f"{PREFIX}." not in text and "loaders.draft_" not in text, path.name


def test_the_vocabulary_holds_no_drafting_word_lists() -> None:
    vocabulary = (ROOT / "techkg" / "vocabulary.yaml").read_text("utf-8")
    assert "drafting:" not in vocabulary and "organisation_words" not in vocabulary
