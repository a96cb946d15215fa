"""The README and docs keep up with the commands, saved queries and vocabulary."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main

from techkg.cli.app import app
from techkg.loaders.extract.validation import validate
from techkg.loaders.sync.load import load
from techkg.loaders.sync.writes import wipe
from techkg.query import catalogue as queries
from techkg.vocabulary import vocabulary

from .conftest import EXTRACTS, NO_REAL_ARTICLES, REAL_ARTICLES, ROOT
from .readme_examples import README, examples

DOCS = ROOT / "docs"


def all_docs() -> str:
    return README.read_text("utf-8") + "".join(p.read_text("utf-8") for p in DOCS.glob("*.md"))


def command_paths() -> list[str]:
    group = typer.main.get_command(app)
    out: list[str] = []

    def walk(cmd: Any, prefix: str) -> None:
        if hasattr(cmd, "commands"):  # a group (Typer vendors click: not a click.Group)
            for name, sub in cmd.commands.items():
                walk(sub, f"{prefix} {name}".strip())
        else:
            out.append(prefix)

    walk(group, "")
    return sorted(out)


def test_every_cli_command_is_documented() -> None:
    text = all_docs()
    missing = [c for c in command_paths()
               if f"techkg {c}" not in text and not _engine_documented(c, text)]
    assert missing == []


def _engine_documented(command: str, text: str) -> bool:
    return command.startswith("engine ") and "techkg engine start|stop|status" in text


def test_every_saved_query_is_documented() -> None:
    doc = (DOCS / "queries.md").read_text("utf-8")
    assert queries.markdown() in doc, "regenerate: python scripts/regen_docs.py"
    readme = README.read_text("utf-8")
    assert "docs/queries.md" in readme


def test_vocabulary_tables_are_current() -> None:
    doc = (DOCS / "extract-format.md").read_text("utf-8")
    start, end = "<!-- vocabulary:start -->\n", "<!-- vocabulary:end -->"
    assert doc[doc.index(start) + len(start):doc.index(end)] == vocabulary().markdown(), \
        "regenerate: python scripts/regen_docs.py"


def test_readme_shows_the_two_setup_commands_first() -> None:
    text = README.read_text("utf-8")
    first_screen = text[:text.index("---")]
    blocks = [b.strip() for b in first_screen.split("```bash")[1:]]
    commands = [b.split("```")[0].strip() for b in blocks]
    assert len(commands) == 2
    assert commands[0].endswith("techkg query bases-us-universities")
    assert commands[1] == "bash scripts/test.sh"
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "\nbash scripts/test.sh\n" in ci


@pytest.mark.parametrize("args,expected", examples(), ids=lambda v: " ".join(v)
                         if isinstance(v, list) else "")
def test_readme_examples_match_real_output(local_engine, args, expected) -> None:  # type: ignore[no-untyped-def]
    """The README shows the default backend's output: the local engine's."""
    from typer.testing import CliRunner

    from techkg.graph import Graph

    from .conftest import env_for

    with Graph(local_engine) as graph:
        # loaded as the README's first command loads (an earlier test may leave 5 others)
        held = graph.read("MATCH (a:Article) RETURN count(a) AS n, "
                          "sum(CASE WHEN a.quotes_checked THEN 1 ELSE 0 END) AS c").records
        if [(r["n"], r["c"]) for r in held] != [(5, 5 if REAL_ARTICLES else 0)]:
            wipe(graph)
            load(graph, validate([EXTRACTS], REAL_ARTICLES))
    result = CliRunner().invoke(app, args, env={**env_for(local_engine), "COLUMNS": "80"},
                                prog_name="techkg")
    assert result.exit_code == 0, result.output
    if REAL_ARTICLES is None:  # loaded without the texts; the README shows them checked
        expected = expected.replace(",true,", ",false,")
        if "quotes unchecked" in result.stdout and "quotes unchecked" not in expected:
            pytest.skip(f"{NO_REAL_ARTICLES} (this example shows its quotes checked)")
    assert result.stdout == expected, "regenerate: python -m tests.readme_examples"


def test_readme_has_examples_for_headline_and_five_more() -> None:
    shown = [args for args, _ in examples()]
    assert shown[0] == ["query", "bases-us-universities"]
    assert len(shown) >= 6


def test_worked_example_in_the_format_doc_validates(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from techkg.loaders.extract.validation import validate

    from .conftest import REAL_ARTICLES

    doc = (DOCS / "extract-format.md").read_text("utf-8")
    example = doc.split("## Worked example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "003_2742a0ed2317a793.yaml"
    path.write_text(example, "utf-8")
    articles = REAL_ARTICLES
    result = validate([path], articles)
    assert [str(i) for i in result.errors] == []
    assert len(result.extracts[0].model.relationships) == 1


def test_readme_says_what_the_test_command_installs() -> None:
    """scripts/test.sh installs with pip, npm and (as root) apt-get: the README says so, and
    names the platforms the local engine's wheel is built for."""
    script = (ROOT / "scripts" / "test.sh").read_text("utf-8")
    readme = README.read_text("utf-8")
    first_screen = readme[:readme.index("---")]
    for tool, said in (("python -m pip install", "pip-installs"), ("npm install", "npm-installs"),
                       ("apt-get install -y -qq chromium", "`apt-get install chromium`")):
        assert tool in script and said in first_screen, tool
    assert "**when run as root**" in first_screen
    assert "## Supported platforms" in readme and "macOS on Intel" in readme
    assert "glibc older than 2.34" in readme
