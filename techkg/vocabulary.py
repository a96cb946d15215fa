"""The vocabulary model: entity types, relationship types and statuses, read once from YAML.

Everything that names a label or relationship type (validation, loading, docs, Browser
style, exports, queries) goes through this one object, so a type exists in one place only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from techkg.errors import TechKGError

_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


@dataclass(frozen=True)
class EntityType:
    label: str
    description: str
    examples: tuple[str, ...]
    ftm: str
    color: str


@dataclass(frozen=True)
class RelationshipType:
    name: str
    description: str
    ftm: str
    allow_self: bool = False  # may a fact of this type link an entity to itself?


@dataclass(frozen=True)
class Status:
    name: str
    rank: int
    description: str


@dataclass(frozen=True)
class Vocabulary:
    entity_types: dict[str, EntityType]
    relationship_types: dict[str, RelationshipType]
    statuses: dict[str, Status]

    def label(self, name: str) -> str:
        """Back-ticked node label, refusing anything not in the vocabulary."""
        if name not in self.entity_types and name not in ("Entity", "Article"):
            raise TechKGError(f"unknown entity type {name!r}")
        return f"`{name}`"

    def rel_type(self, name: str) -> str:
        """Back-ticked relationship type, refusing anything not in the vocabulary."""
        if name not in self.relationship_types and name != "MENTIONS":
            raise TechKGError(f"unknown relationship type {name!r}")
        return f"`{name}`"

    def strongest_status(self, names: list[str]) -> str:
        """The most contested of several statuses (a denial outranks a report)."""
        return max(names, key=lambda n: self.statuses[n].rank)

    def markdown(self) -> str:
        """Markdown tables of the vocabulary, for docs/extract-format.md."""
        lines = ["### Entity types", "", "| type | meaning | FollowTheMoney |", "|---|---|---|"]
        for t in self.entity_types.values():
            lines.append(f"| `{t.label}` | {t.description} | `{t.ftm}` |")
        lines += ["", "### Relationship types (subject → object)", "",
                  "| type | meaning | FollowTheMoney |", "|---|---|---|"]
        for r in self.relationship_types.values():
            lines.append(f"| `{r.name}` | {r.description} | `{r.ftm}` |")
        lines += ["", "### Statuses", "", "| status | meaning |", "|---|---|"]
        for s in sorted(self.statuses.values(), key=lambda s: s.rank):
            lines.append(f"| `{s.name}` | {s.description} |")
        return "\n".join(lines) + "\n"


def _check_ident(name: str) -> str:
    if not _IDENT.fullmatch(name):
        raise TechKGError(f"vocabulary name {name!r} is not a plain identifier")
    return name


@cache
def vocabulary() -> Vocabulary:
    """The project's vocabulary (parsed once per process)."""
    raw = yaml.safe_load(resources.files("techkg").joinpath("vocabulary.yaml").read_text("utf-8"))
    return Vocabulary(
        entity_types={
            _check_ident(k): EntityType(k, v["description"], tuple(v.get("examples", ())),
                                        v["ftm"], v["color"])
            for k, v in raw["entity_types"].items()
        },
        relationship_types={
            _check_ident(k): RelationshipType(k, v["description"], v["ftm"],
                                             bool(v.get("allow_self", False)))
            for k, v in raw["relationship_types"].items()
        },
        statuses={k: Status(k, v["rank"], v["description"]) for k, v in raw["statuses"].items()},
    )
