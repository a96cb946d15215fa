"""The graph's property schema (techkg/graph_schema.yaml), parsed once.

One description of every record kind and property, so the docs table, the columns of every
export and the CSV import types cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from techkg.errors import TechKGError
from techkg.vocabulary import package_yaml

TYPES = ("string", "string[]", "int", "int[]", "boolean")


@dataclass(frozen=True)
class Prop:
    name: str
    type: str
    always: bool
    public: bool
    doc: str
    derived: bool = False  # computed from other properties: only the CSV export keeps it
    unordered: bool = False  # a list whose order carries no meaning (a set)


@dataclass(frozen=True)
class Kind:
    """A node label or relationship kind and its properties, in documented order."""

    name: str
    description: str
    props: tuple[Prop, ...]
    key: str | None = None
    public: bool = True
    indexes: tuple[str, ...] = ()
    file: str | None = None  # its file in the CSV export; None: not exported (derived)
    start: str | None = None  # a relationship kind's start and end node kinds
    end: str | None = None

    def prop(self, name: str) -> Prop:
        return next(p for p in self.props if p.name == name)

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.props]


@dataclass(frozen=True)
class GraphSchema:
    nodes: dict[str, Kind]
    relationships: dict[str, Kind]
    retired: tuple[str, ...] = ()  # labels earlier versions wrote (wiped, never written)

    @property
    def unordered(self) -> frozenset[str]:
        """Names of the list properties kept as sets, in any order (their records compare
        equal whatever the order)."""
        return frozenset(p.name for k in [*self.nodes.values(), *self.relationships.values()]
                         for p in k.props if p.unordered)

    def markdown(self) -> str:
        """One table per record kind, for docs/graph-model.md."""
        lines: list[str] = []
        for title, kinds in (("Nodes", self.nodes), ("Relationships", self.relationships)):
            for kind in kinds.values():
                lines += [f"### {title[:-1]} `{kind.name}`", "", kind.description, ""]
                if kind.key:
                    lines += [f"Unique key: `{kind.key}`"
                              + (f"; indexed: {', '.join(f'`{i}`' for i in kind.indexes)}"
                                 if kind.indexes else "") + ".", ""]
                if not kind.props:
                    continue
                lines += ["| property | type | always | public | meaning |",
                          "|---|---|---|---|---|"]
                for p in kind.props:
                    lines.append(f"| `{p.name}` | {p.type} | {'yes' if p.always else 'no'} | "
                                 f"{'yes' if p.public and kind.public else 'no'} | "
                                 f"{p.doc.replace('|', chr(92) + '|')} |")
                lines.append("")
        return "\n".join(lines)


def _kind(name: str, raw: dict[str, Any]) -> Kind:
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):  # a label, written into Cypher text
        raise TechKGError(f"graph schema: {name!r} is not a plain name")
    props = []
    for pname, spec in (raw.get("properties") or {}).items():
        if not re.fullmatch(r"[a-z][a-z0-9_]*", pname):  # written into Cypher text
            raise TechKGError(f"graph schema: {name}.{pname} is not a plain property name")
        if spec["type"] not in TYPES:
            raise TechKGError(f"graph schema: {name}.{pname} has unknown type {spec['type']!r}")
        props.append(Prop(pname, spec["type"], bool(spec.get("always", False)),
                          bool(spec.get("public", True)), spec["doc"],
                          bool(spec.get("derived", False)), bool(spec.get("unordered", False))))
    return Kind(name, " ".join(raw["description"].split()), tuple(props), raw.get("key"),
                bool(raw.get("public", True)), tuple(raw.get("indexes", ())),
                raw.get("file"), raw.get("from"), raw.get("to"))


@cache
def graph_schema() -> GraphSchema:
    """The project's graph schema (parsed once per process)."""
    raw = package_yaml("graph_schema.yaml")
    retired = tuple(raw.get("retired") or ())
    for label in retired:  # written into Cypher text
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", label):
            raise TechKGError(f"graph schema: retired label {label!r} is not a plain name")
    return GraphSchema({k: _kind(k, v) for k, v in raw["nodes"].items()},
                       {k: _kind(k, v) for k, v in raw["relationships"].items()}, retired)
