"""FollowTheMoney JSON lines, built with followthemoney's own entity API.

Which FtM schema and property each graph type and property becomes is data
(techkg/export/ftm.yaml), checked against the vocabulary, the graph schema and FtM's model
when it is read. Entities are made with `model.make_entity` and `add` (which cleans values
the FtM way), facts become link entities of the first mapped schema whose property ranges
accept both ends, articles become `Article` entities that the others cite as `proof`, and
every id is signed with the dataset's namespace.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, BinaryIO

import yaml
from followthemoney import EntityProxy, Schema, model
from followthemoney.namespace import Namespace

from techkg.errors import TechKGError
from techkg.export.reads import Counts, NodeRecord, RelRecord, read_graph
from techkg.graph import Graph
from techkg.graph_schema import Kind, graph_schema
from techkg.vocabulary import vocabulary


@dataclass(frozen=True)
class Section:
    """How one record kind's properties map: graph property -> FtM properties ([] leaves it
    out); a property not listed goes to `rest` as a "name: value" line."""

    rest: str
    properties: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Link:
    """An FtM link schema and the properties that hold a fact's subject and object."""

    schema: str
    subject: str
    object: str

    def fits(self, subject: Schema, object_: Schema) -> bool:
        link = model.get(self.schema)
        assert link is not None  # checked when the mapping is read
        ends = ((link.get(self.subject), subject), (link.get(self.object), object_))
        return all(p is not None and (p.range is None or s.is_a(p.range)) for p, s in ends)


@dataclass(frozen=True)
class Mapping:
    dataset: str
    article_schema: str
    articles: Section
    entities: Section
    facts: Section
    entity_types: dict[str, str]
    links: dict[str, Link]
    relationship_types: dict[str, tuple[str, ...]]

    def link(self, rel_type: str, subject: Schema, object_: Schema) -> Link:
        """The first listed link that accepts both ends, else UnknownLink."""
        for name in self.relationship_types[rel_type]:
            if self.links[name].fits(subject, object_):
                return self.links[name]
        return self.links["UnknownLink"]


def _section(raw: dict[str, Any]) -> Section:
    return Section(raw["rest"], {k: tuple(v) for k, v in raw["properties"].items()})


@cache
def mapping() -> Mapping:
    """techkg/export/ftm.yaml, parsed and checked once per process."""
    text = resources.files("techkg.export").joinpath("ftm.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    m = Mapping(raw["dataset"], raw["articles"]["schema"], _section(raw["articles"]),
                _section(raw["entities"]), _section(raw["facts"]), dict(raw["entity_types"]),
                {k: Link(**v) for k, v in raw["links"].items()},
                {k: tuple(v) for k, v in raw["relationship_types"].items()})
    _check(m)
    return m


def _check(m: Mapping) -> None:
    v, problems = vocabulary(), []
    for what, named, known in (("entity type", m.entity_types, v.entity_types),
                               ("relationship type", m.relationship_types,
                                v.relationship_types)):
        problems += [f"{what} {t} is not mapped" for t in known if t not in named]
        problems += [f"{what} {t} is not in the vocabulary" for t in named if t not in known]
    schemata = [*m.entity_types.values(), m.article_schema, *(k.schema for k in m.links.values())]
    problems += [f"{s} is not a FollowTheMoney schema" for s in schemata if model.get(s) is None]
    problems += [f"link {name} has no property {p}" for name, k in m.links.items()
                 if model.get(k.schema) for p in (k.subject, k.object)
                 if model.get(k.schema).get(p) is None]  # type: ignore[union-attr]
    problems += [f"{t} names unknown link {n}" for t, names in m.relationship_types.items()
                 for n in names if n not in m.links]
    if "UnknownLink" not in m.links:
        problems.append("the link UnknownLink (the fallback) is missing")
    if problems:
        raise TechKGError("techkg/export/ftm.yaml: " + "; ".join(problems))


def _text(value: Any) -> str:
    return "; ".join(map(str, value)) if isinstance(value, list) else str(value).lower() \
        if isinstance(value, bool) else str(value)


def values(kind: Kind, section: Section, props: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(FtM property, value) for each exported graph property of a record, in schema order."""
    for p in kind.props:
        value = props.get(p.name)
        if value is None or value == [] or not p.public or p.derived or p.name == kind.key:
            continue
        targets = section.properties.get(p.name)
        if targets is None:  # not in the mapping: a property added to the schema since
            yield section.rest, f"{p.name}: {_text(value)}"
            continue
        for target in targets:
            if p.type == "boolean":
                if value:
                    yield target, p.name
            elif p.type == "string[]":
                yield from ((target, str(item)) for item in value)
            else:
                yield target, str(value)


def _add(proxy: EntityProxy, rest: str, pairs: Iterator[tuple[str, str]],
         ids: dict[str, str]) -> None:
    """Add each value; one the schema has no property for goes to `rest` as text."""
    for prop, value in pairs:
        if proxy.schema.get(prop) is None:
            proxy.add(rest, f"{prop}: {value}")
        elif prop == "proof":
            proxy.add(prop, ids.get(value, value))
        else:
            proxy.add(prop, value)


def article_entity(m: Mapping, record: NodeRecord) -> EntityProxy:
    proxy = model.make_entity(m.article_schema)
    proxy.make_id("article", record.props["id"])  # article ids hold `_`, which FtM ids refuse
    _add(proxy, m.articles.rest,
         values(graph_schema().nodes["Article"], m.articles, record.props), {})
    return proxy


def entity(m: Mapping, record: NodeRecord, articles: dict[str, str]) -> EntityProxy:
    """An entity; its name also goes into the schema's first caption property, so the
    entity is captioned by its name (a Document's fileName, a Note's description)."""
    props = record.props
    proxy = model.make_entity(m.entity_types[props["type"]])
    proxy.id = props["id"]  # slugs are valid FtM ids; signed with the namespace below
    caption = proxy.schema.caption[0] if proxy.schema.caption else "name"
    if caption != "name":
        proxy.add(caption, props["name"])
    _add(proxy, m.entities.rest, values(graph_schema().nodes["Entity"], m.entities, props),
         articles)
    return proxy


def fact(m: Mapping, record: RelRecord, schemata: dict[str, Schema],
         articles: dict[str, str]) -> EntityProxy:
    """A link entity: the first mapped FtM schema that fits both ends, else UnknownLink."""
    link = m.link(record.type, schemata[record.start], schemata[record.end])
    proxy = model.make_entity(link.schema)
    proxy.make_id("fact", record.start, record.type, record.end)
    proxy.add(link.subject, record.start)
    proxy.add(link.object, record.end)
    proxy.add("summary", f"{record.type} ({record.props.get('status', 'reported')})")
    _add(proxy, m.facts.rest, values(graph_schema().relationships["fact"], m.facts,
                                     record.props), articles)
    if link.schema == "UnknownLink" and not proxy.has("role"):  # what Aleph shows on the edge
        proxy.add("role", record.type.lower().replace("_", " "))
    return proxy


def entities(graph: Graph) -> tuple[list[EntityProxy], Counts]:
    """Every FtM entity of the graph (articles, entities, facts), ids signed."""
    m = mapping()
    records = read_graph(graph, ["Article", "Entity"], ["fact"])
    arts = [article_entity(m, a) for a in records.nodes["Article"]]
    ids = {a.props["id"]: p.id or "" for a, p in zip(records.nodes["Article"], arts,
                                                      strict=True)}
    ents = [entity(m, e, ids) for e in records.nodes["Entity"]]
    schemata = {e.id or "": e.schema for e in ents}
    links = [fact(m, f, schemata, ids) for f in records.rels["fact"]]
    ns = Namespace(m.dataset)
    return [ns.apply(p) for p in arts + ents + links], Counts(len(ents), len(links))


def write(graph: Graph, out: BinaryIO) -> Counts:
    proxies, counts = entities(graph)
    for p in proxies:
        out.write(json.dumps(p.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8")
                  + b"\n")
    return counts


def markdown() -> str:
    """The mapping as Markdown tables, for docs/visualising.md."""
    m = mapping()
    lines = ["| techkg entity type | FtM schema |", "|---|---|"]
    lines += [f"| `{t}` | `{s}` |" for t, s in m.entity_types.items()]
    lines += ["", "| relationship type | FtM link schema (subject → object), the first that "
                  "fits both ends |", "|---|---|"]
    for t, names in m.relationship_types.items():
        links = [m.links[n] for n in names] + [m.links["UnknownLink"]]
        lines.append(f"| `{t}` | " + ", else ".join(
            f"`{k.schema}` ({k.subject} → {k.object})" for k in links) + " |")
    return "\n".join(lines) + "\n"
