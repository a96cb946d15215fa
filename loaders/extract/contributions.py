"""What one article contributes to the graph, as typed records: its Declaration of each
entity and its Claim of each fact.

They are made from the extract (techkg.loaders.extract.resolve), rewritten by `same`
judgements (techkg.loaders.sync.merge), compared and merged by the planner, and stored as the
graph's :Declaration records and in the facts' per-source lists (techkg.loaders.sync.records),
which read back into equal values: the planner tells what changed by comparing them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Labelled:
    """One characterization an article gives an entity ("united front group")."""

    label: str
    status: str
    evidence: str  # the quotes, joined as the graph stores them (model.EVIDENCE_SEPARATOR)


@dataclass(frozen=True, slots=True)
class Agreed:
    """The values that must not contradict across the articles declaring one entity
    (`resolve.AGREE`); a declaration merged from another id must agree on its type only."""

    type: str
    name: str | None = None
    name_zh: str | None = None
    country: str | None = None
    merged_from: str | None = None


@dataclass(frozen=True, slots=True)
class Declaration:
    """What one article says an entity is."""

    type: str
    name: str
    aliases: tuple[str, ...] = ()  # sorted, distinct
    name_zh: str | None = None
    country: str | None = None
    description: str | None = None
    characterizations: tuple[Labelled, ...] = ()
    inferred: bool = False
    note: str | None = None
    merged_from: str | None = None  # the id the article declared, merged into this one


@dataclass(frozen=True, slots=True)
class Claim:
    """What one article says about one fact (its items with the same key merged)."""

    status: str
    evidence: tuple[str, ...]
    date: str | None = None
    start: str | None = None
    end: str | None = None
    role: str | None = None
    amount: str | None = None
    inferred: bool = False
    note: str | None = None
