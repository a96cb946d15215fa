"""Property: after any sequence of edits to an extracts folder and its article texts,
`load --prune` gives the verdict `validate` gives and, when it loads, leaves the graph a
fresh load leaves (every node and relationship with every property; issue 18).

The edits are those the reliability audit found an incremental load getting wrong, and the
everyday ones: an entity retyped or renamed so that articles contradict each other, a fact
dropped, an article text edited (harmlessly or so a quote disappears), an extract deleted,
renamed, or copied under a second name, and loads without the article texts. Three small
articles: mini_a and mini_b record their text's sha256, mini_c (a second extract of
mini_b's text) does not, so an edited text either breaks the hash or is checked quote by
quote. Hypothesis draws the sequences (derandomized: the same ones on every run).
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from techkg.cli.app import app
from techkg.graph import Graph, Settings
from techkg.loaders.extract.articles import sha256_of
from techkg.loaders.sync.writes import wipe

from .conftest import DATA, env_for
from .soak import full_snapshot

IDS = ("mini_a", "mini_b", "mini_c")
TEXTS = ("mini_a", "mini_b")
OPERATIONS = ("retype", "rename-entity", "drop-fact", "edit-text", "break-text", "delete",
              "rename-file", "copy-file", "reload")
TEXT_OF = {"mini_a": "mini_a", "mini_b": "mini_b", "mini_c": "mini_b"}
# what the Article records about its check: equal to a fresh load's only when both had the
# texts (an unchanged extract keeps what an earlier load checked)
CHECK_PROPS = ("quotes_checked", "checked_sha256")


def _template(article: str) -> str:
    source = "mini_b" if article == "mini_c" else article
    text = (DATA / "extracts" / f"{source}.yaml").read_text("utf-8")
    return text.replace(f"id: {source}\n", f"id: {article}\n", 1)


@dataclass
class Folder:
    """The corpus as a state that toggles: each operation flips one switch, so a sequence
    goes into invalid states and back out of them."""

    root: Path
    retyped: set[str] = field(default_factory=set)
    renamed_entity: set[str] = field(default_factory=set)
    dropped: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)
    renamed_file: set[str] = field(default_factory=set)
    copied: set[str] = field(default_factory=set)
    edited_text: set[str] = field(default_factory=set)
    broken_text: set[str] = field(default_factory=set)

    @property
    def extracts(self) -> Path:
        return self.root / "extracts"

    @property
    def articles(self) -> Path:
        return self.root / "articles"

    def apply(self, operation: str, article: str) -> None:
        text = TEXT_OF[article]
        switch = {"retype": (self.retyped, article), "rename-entity": (self.renamed_entity,
                  article), "drop-fact": (self.dropped, article), "delete": (self.deleted,
                  article), "rename-file": (self.renamed_file, article), "copy-file":
                  (self.copied, article), "edit-text": (self.edited_text, text),
                  "break-text": (self.broken_text, text)}.get(operation)
        if switch is not None:
            switch[0].symmetric_difference_update({switch[1]})

    def write(self) -> None:
        """The folder as the switches say (files that should not be there are removed)."""
        self.extracts.mkdir(parents=True, exist_ok=True)
        self.articles.mkdir(exist_ok=True)
        for name in TEXTS:
            text = (DATA / "articles" / f"{name}.txt").read_text("utf-8")
            if name in self.edited_text:
                text += "An added sentence that no quote uses.\n"
            if name in self.broken_text:
                text = text.replace("Records show the Alpha Base", "Records show the base")
                text = text.replace("Beta University denied", "Beta University confirmed")
            (self.articles / f"{name}.txt").write_text(text, "utf-8")
        wanted: dict[str, str] = {}
        for article in IDS:
            if article in self.deleted:
                continue
            body = self._extract(article)
            name = f"{article}_renamed.yaml" if article in self.renamed_file else f"{article}.yaml"
            wanted[name] = body
            if article in self.copied:
                wanted[f"{article}_copy.yml"] = body
        for path in self.extracts.iterdir():
            if path.name not in wanted:
                path.unlink()
        for name, body in wanted.items():
            path = self.extracts / name
            if not path.exists() or path.read_text("utf-8") != body:
                path.write_text(body, "utf-8")

    def _extract(self, article: str) -> str:
        text = _template(article)
        if article != "mini_c":  # the hash of the original text: an edited text breaks it
            original = sha256_of(DATA / "articles" / f"{TEXT_OF[article]}.txt")
            text = text.replace(f"  file: {article}.txt\n",
                                f"  file: {article}.txt\n  sha256: {original}\n")
        if article in self.retyped:
            text = text.replace("    type: University\n", "    type: Company\n")
        if article in self.renamed_entity:
            text = text.replace("    name: Alpha Base\n", "    name: Alpha Station\n")
        if article in self.dropped:
            start = text.index("  - subject: alpha-base\n    type: LOCATED_IN")
            end = text.find("  - subject:", start + 1)
            text = text[:start] + (text[end:] if end > 0 else "")
        return text


def _masked(lines: list[str]) -> list[str]:
    """A snapshot without the Article's check record (compared apart, see CHECK_PROPS)."""
    pattern = re.compile(r"\('(?:" + "|".join(CHECK_PROPS) + r")', [^)]*\)(?:, )?")
    return sorted(pattern.sub("", line) for line in lines)


def _cli(settings: Settings, home: Path, *args: str, texts: Path | None):  # type: ignore[no-untyped-def]
    env = {**env_for(settings), "TECHKG_HOME": str(home),
           "TECHKG_ARTICLES": str(texts if texts else home / "no-texts")}
    return CliRunner().invoke(app, list(args), env=env, prog_name="techkg")


steps = st.lists(st.tuples(st.sampled_from(OPERATIONS), st.sampled_from(IDS),
                           st.sampled_from([True, True, True, False])),  # with the texts?
                 min_size=1, max_size=7)


@settings(max_examples=7, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(sequence=steps)
def test_load_gives_validates_verdict_and_a_fresh_loads_graph(
        local_engine: Settings, sequence: list[tuple[str, str, bool]]) -> None:
    with Graph(local_engine) as graph, tempfile.TemporaryDirectory() as tmp:
        wipe(graph)
        folder = Folder(Path(tmp))
        folder.write()
        history: list[str] = []
        for operation, article, with_texts in [("reload", "mini_a", True), *sequence]:
            folder.apply(operation, article)
            folder.write()
            history.append(f"{operation} {article}{'' if with_texts else ' (no texts)'}")
            texts = folder.articles if with_texts else None
            where = str(folder.extracts)
            checked = _cli(local_engine, folder.root, "validate", where, texts=texts)
            before = full_snapshot(local_engine)
            loaded = _cli(local_engine, folder.root, "load", "--prune", where, texts=texts)
            assert loaded.exception is None or isinstance(loaded.exception, SystemExit), \
                loaded.exception
            assert (checked.exit_code == 0) == (loaded.exit_code == 0), (
                f"after {history}: validate exited {checked.exit_code}, load "
                f"{loaded.exit_code}\n{checked.output}---\n{loaded.output}")
            if loaded.exit_code:
                assert full_snapshot(local_engine) == before, f"after {history}: load wrote"
                continue
            after = full_snapshot(local_engine)
            fresh = _cli(local_engine, folder.root, "load", "--rebuild", where, texts=texts)
            assert fresh.exit_code == 0, fresh.output
            rebuilt = full_snapshot(local_engine)
            if with_texts:
                assert after == rebuilt, f"after {history}: differs from a fresh load"
            else:
                assert _masked(after) == _masked(rebuilt), f"after {history}: differs"
