"""The CSV export layout (`neo4j-admin database import`), generated from the graph schema.

One file per record kind, so an export holds the whole graph (entities, articles, the
per-article Claim and Declaration records, facts and MENTIONS) and `import-csv` restores it
exactly. Arrays are joined with ARRAY_DELIMITER (pass `--array-delimiter='|'` to
neo4j-admin); a value that contains it cannot round-trip and is refused at export.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from techkg.errors import TechKGError
from techkg.graph_schema import Kind, graph_schema

ARRAY_DELIMITER = "|"


@dataclass(frozen=True)
class NodeFile:
    file: str
    label: str  # the schema's node kind

    @property
    def kind(self) -> Kind:
        return graph_schema().nodes[self.label]

    def header(self) -> list[str]:
        k = self.kind
        return ([f"{k.key}:ID({self.label})", ":LABEL"]
                + [column(p.name, p.type) for p in k.props if p.name != k.key])


@dataclass(frozen=True)
class RelFile:
    file: str
    kind_name: str
    start: str
    end: str

    @property
    def kind(self) -> Kind:
        return graph_schema().relationships[self.kind_name]

    def header(self) -> list[str]:
        return ([f":START_ID({self.start})", f":END_ID({self.end})", ":TYPE"]
                + [column(p.name, p.type) for p in self.kind.props])


NODE_FILES = (NodeFile("nodes.csv", "Entity"), NodeFile("articles.csv", "Article"),
              NodeFile("claims.csv", "Claim"), NodeFile("declarations.csv", "Declaration"))
REL_FILES = (RelFile("relationships.csv", "fact", "Entity", "Entity"),
             RelFile("mentions.csv", "MENTIONS", "Article", "Entity"))


def column(name: str, kind: str) -> str:
    return name if kind == "string" else f"{name}:{kind}"


def encode(where: str, name: str, kind: str, value: Any) -> str:
    """One cell; None (absent) is the empty cell."""
    if value is None:
        return ""
    if kind == "string[]":
        for item in value:
            if ARRAY_DELIMITER in item or item == "":
                raise TechKGError(f"{where}: property {name!r} holds {item[:60]!r}, which the "
                                  f"CSV layout cannot keep (arrays are joined with "
                                  f"{ARRAY_DELIMITER!r}); use another export format")
        return ARRAY_DELIMITER.join(value)
    if kind == "boolean":
        return "true" if value else "false"
    return str(value)


def decode(where: str, name: str, kind: str, always: bool, raw: str) -> Any:
    """A cell back to its value; None means the property is absent."""
    if kind == "string[]":
        return raw.split(ARRAY_DELIMITER) if raw else ([] if always else None)
    if raw == "":
        return None
    if kind == "int":
        try:
            return int(raw)
        except ValueError:
            raise TechKGError(f"{where}: {name!r} must be an integer, got {raw[:40]!r}") from None
    if kind == "boolean":
        if raw not in ("true", "false"):
            raise TechKGError(f"{where}: {name!r} must be true or false, got {raw[:40]!r}")
        return raw == "true"
    return raw
