"""The package's shape: sub-packages by concern, each entered through one module; no import
cycle anywhere (imports inside functions included); every `TECHKG_*` variable read in one
module and listed in the README."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# where each installed package lives (pyproject.toml's package-dir)
FOLDERS = {"techkg.loaders": ROOT / "loaders", "techkg.cli": ROOT / "cli",
           "techkg": ROOT / "techkg"}
SUB_PACKAGES = ("techkg.local", "techkg.query", "techkg.export", "techkg.web",
                "techkg.loaders.extract", "techkg.loaders.sync", "techkg.loaders.draft")
CORE = ("techkg.errors", "techkg.graph", "techkg.vocabulary", "techkg.settings")


def modules() -> dict[str, Path]:
    """Every product module by its installed dotted name."""
    found: dict[str, Path] = {}
    for prefix, folder in FOLDERS.items():
        for path in folder.rglob("*.py"):
            rel = path.relative_to(folder).with_suffix("")
            parts = [p for p in rel.parts if p != "__init__"]
            name = ".".join((prefix, *parts))
            found.setdefault(name, path)  # techkg/ is searched last: loaders/ and cli/ win
    return found


def imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The product modules `path` imports, at module level or inside functions."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in known}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                out.add(sub if sub in known else node.module)
    return {m for m in out if m in known}


def test_no_import_cycle_even_inside_functions() -> None:
    known = modules()
    graph = {name: imports(path, known) - {name} for name, path in known.items()}
    done: set[str] = set()

    def visit(node: str, stack: tuple[str, ...]) -> None:
        assert node not in stack, f"circular import: {' -> '.join((*stack, node))}"
        if node in done:
            return
        for nxt in sorted(graph[node]):
            visit(nxt, (*stack, node))
        done.add(node)

    for name in sorted(graph):
        visit(name, ())


def imported_from(path: Path) -> set[str]:
    """The modules named in `path`'s imports (`from X import y` names X, whatever y is)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
    return {m for m in out if m.startswith("techkg")}


def test_the_cli_imports_entry_modules_only() -> None:
    for path in sorted((ROOT / "cli").glob("*.py")):
        for name in imported_from(path):
            allowed = (name in SUB_PACKAGES or name in CORE or name.startswith("techkg.cli")
                       or name == "techkg")
            assert allowed, f"cli/{path.name} reaches past an entry module: {name}"


def test_each_sub_package_has_an_entry_module_that_says_what_it_holds() -> None:
    known = modules()
    for package in SUB_PACKAGES:
        entry = ast.parse(known[package].read_text("utf-8"))
        assert ast.get_docstring(entry), f"{package} has no docstring saying what it holds"


def test_every_setting_is_read_in_one_module_and_listed_in_the_readme() -> None:
    from techkg.settings import VARIABLES, markdown

    for path in modules().values():
        if path.name == "settings.py":
            continue
        text = path.read_text("utf-8")
        assert "os.environ" not in text and "getenv" not in text, path
    readme = (ROOT / "README.md").read_text("utf-8")
    assert set(re.findall(r"TECHKG_[A-Z_]+", readme)) == set(VARIABLES)
    assert markdown() in readme, "regenerate: python scripts/regen_docs.py"
