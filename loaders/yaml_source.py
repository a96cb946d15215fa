"""Read YAML while remembering where every value came from (line and column).

Scalars stay strings (a date such as 2018-11 is not reinterpreted by YAML), `null`/`~`/
empty become None, and duplicate mapping keys are errors, so nothing is silently lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from techkg.errors import TechKGError

Loc = tuple[int, int]  # 1-based line and column


@dataclass(frozen=True)
class Issue:
    """One located validation finding."""

    file: str
    line: int
    column: int
    level: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.level}: {self.message}"


class YamlProblem(TechKGError):
    def __init__(self, issue: Issue) -> None:
        self.issue = issue
        super().__init__(str(issue))


@dataclass
class LocatedDoc:
    """A parsed document plus where each value (and each mapping key) sits in the file."""

    path: Path
    data: Any
    values: dict[tuple, Loc]
    keys: dict[tuple, Loc]

    def loc(self, path: tuple, key: bool = False) -> Loc:
        """The closest known location for `path` (falls back to its parents)."""
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if not key and path in self.keys:
                return self.keys[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def issue(self, path: tuple, message: str, level: str = "error", key: bool = False) -> Issue:
        line, col = self.loc(path, key)
        return Issue(str(self.path), line, col, level, message)


def _mark(node: yaml.Node) -> Loc:
    return node.start_mark.line + 1, node.start_mark.column + 1


def read_located(path: Path) -> LocatedDoc:
    """Parse `path`; a syntax error becomes a located YamlProblem."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlProblem(Issue(str(path), 1, 1, "error", f"cannot read file: {exc}")) from exc
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(Issue(str(path), line, col, "error",
                                f"invalid YAML: {exc.problem or exc}")) from exc
    doc = LocatedDoc(path, None, {}, {})
    if root is None:
        doc.data = None
        return doc
    doc.data = _build(root, (), doc)
    return doc


def _build(node: yaml.Node, path: tuple, doc: LocatedDoc) -> Any:
    doc.values[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            if key in out:
                line, col = _mark(key_node)
                raise YamlProblem(Issue(str(doc.path), line, col, "error",
                                        f"duplicate key {key!r}"))
            doc.keys[path + (key,)] = _mark(key_node)
            out[key] = _build(value_node, path + (key,), doc)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, path + (i,), doc) for i, child in enumerate(node.value)]
    if node.tag == "tag:yaml.org,2002:null":
        return None
    return node.value
