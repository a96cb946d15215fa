"""The vocabulary model: entity types, relationship types, statuses and evidence rules, read
once from YAML.

Everything that names a label or relationship type (validation, loading, docs, Browser
style, exports, queries) goes through this one object, so a type exists in one place only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from techkg.errors import TechKGError

_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


@dataclass(frozen=True)
class EntityType:
    label: str
    description: str
    examples: tuple[str, ...]
    color: str


@dataclass(frozen=True)
class RelationshipType:
    name: str
    description: str
    kind: str
    allow_self: bool = False  # may a fact of this type link an entity to itself?


@dataclass(frozen=True)
class Status:
    name: str
    rank: int
    description: str
    counted: bool = True  # False: left out of analytic queries unless asked for


@dataclass(frozen=True)
class EvidenceRules:
    """How substantial a quote must be (the `evidence:` block; docs/evidence-rubric.md)."""

    min_quote_words: int
    min_fragment_words: int


@dataclass(frozen=True)
class Vocabulary:
    entity_types: dict[str, EntityType]
    relationship_types: dict[str, RelationshipType]
    statuses: dict[str, Status]
    relationship_kinds: dict[str, str]
    united_front_labels: tuple[str, ...]
    united_front_types: tuple[str, ...]
    evidence: EvidenceRules

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

    def types_of_kind(self, kind: str) -> list[str]:
        """Relationship types of one kind (e.g. `cooperation`), in vocabulary order."""
        if kind not in self.relationship_kinds:
            raise TechKGError(f"unknown relationship kind {kind!r}")
        return [r.name for r in self.relationship_types.values() if r.kind == kind]

    def counted_statuses(self) -> list[str]:
        """Statuses analytic queries count by default (not denied or disputed)."""
        return [s.name for s in self._by_rank() if s.counted]

    def status_ranks(self) -> dict[str, int]:
        return {s.name: s.rank for s in self.statuses.values()}

    def _by_rank(self) -> list[Status]:
        return sorted(self.statuses.values(), key=lambda s: s.rank)

    def strongest_status(self, names: list[str]) -> str:
        """The most contested of several statuses (a denial outranks a report)."""
        return max(names, key=lambda n: self.statuses[n].rank)

    def markdown(self) -> str:
        """Markdown tables of the vocabulary, for docs/extract-format.md."""
        lines = ["### Entity types", "", "| type | meaning |", "|---|---|"]
        for t in self.entity_types.values():
            lines.append(f"| `{t.label}` | {t.description} |")
        lines += ["", "### Relationship types (subject → object)", "",
                  "| type | meaning | kind |", "|---|---|---|"]
        for r in self.relationship_types.values():
            lines.append(f"| `{r.name}` | {r.description} | {r.kind} |")
        lines += ["", "### Relationship kinds", "", "| kind | meaning | types |", "|---|---|---|"]
        for kind, meaning in self.relationship_kinds.items():
            types = ", ".join(f"`{t}`" for t in self.types_of_kind(kind))
            lines.append(f"| {kind} | {meaning} | {types} |")
        lines += ["", "### Statuses", "",
                  "| status | meaning | counted by analytic queries |", "|---|---|---|"]
        for s in self._by_rank():
            lines.append(f"| `{s.name}` | {s.description} | {'yes' if s.counted else 'no'} |")
        return "\n".join(lines) + "\n"


def _check_ident(name: str) -> str:
    if not _IDENT.fullmatch(name):
        raise TechKGError(f"vocabulary name {name!r} is not a plain identifier")
    return name


@cache
def package_yaml(name: str) -> Any:
    """One of the package's own YAML files, parsed once (libyaml's C loader where installed:
    every command reads the vocabulary, and the pure-Python parser costs ~0.4 s)."""
    text = resources.files("techkg").joinpath(name).read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@cache
def vocabulary() -> Vocabulary:
    """The project's vocabulary (parsed once per process)."""
    raw = package_yaml("vocabulary.yaml")
    kinds = {_check_ident(k): v for k, v in raw["relationship_kinds"].items()}
    for name, rel in raw["relationship_types"].items():
        if rel.get("kind") not in kinds:
            raise TechKGError(f"vocabulary: relationship type {name!r} has kind "
                              f"{rel.get('kind')!r}; expected one of {', '.join(kinds)}")
    united = raw.get("united_front", {})
    return Vocabulary(
        entity_types={
            _check_ident(k): EntityType(k, v["description"], tuple(v.get("examples", ())),
                                        v["color"])
            for k, v in raw["entity_types"].items()
        },
        relationship_types={
            _check_ident(k): RelationshipType(k, v["description"], v["kind"],
                                             bool(v.get("allow_self", False)))
            for k, v in raw["relationship_types"].items()
        },
        statuses={k: Status(k, v["rank"], v["description"], v.get("counted", True))
                  for k, v in raw["statuses"].items()},
        relationship_kinds=kinds,
        united_front_labels=tuple(united.get("labels", ())),
        united_front_types=tuple(united.get("entity_types", ())),
        evidence=_evidence_rules(raw["evidence"]),
    )


def _evidence_rules(raw: dict[str, Any]) -> EvidenceRules:
    values = {k: raw.get(k) for k in ("min_quote_words", "min_fragment_words")}
    for key, value in values.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise TechKGError(f"vocabulary evidence: {key} must be a whole number >= 1, "
                              f"got {value!r}")
    return EvidenceRules(**values)
