"""What the CLI commands do, on an open Graph: saved queries, ad-hoc Cypher, lookups.

The CLI only parses arguments and prints; the logic it wraps lives here so it is one call
for tests, the viewer and the exports alike.
"""

from __future__ import annotations

import re
from typing import Any

from techkg.errors import NotFound, TechKGError, Unsupported, UsageError
from techkg.graph import Graph, Rows, unpacked
from techkg.query import catalogue as queries
from techkg.query.citations import with_citations
from techkg.query.paths import shortest_paths
from techkg.suggest import nearest

_NEEDS = {"fulltext": "a full-text index"}  # a `// needs:` capability, as a sentence says it


def parse_pairs(pairs: list[str]) -> dict[str, str]:
    """`key=value` strings as a dict; a malformed pair is a usage error."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"parameter {pair[:40]!r} is not key=value")
        out[key.strip()] = value
    return out


def cypher_params(text: str, given: dict[str, str]) -> dict[str, Any]:
    """Ad-hoc Cypher parameters, typed as declared: `key=value` is a string (never guessed:
    `2017` stays "2017"), `key:TYPE=value` is TYPE (int, float, bool, date, list, json).
    A parameter the statement never uses ($key) is a usage error."""
    used = set(re.findall(r"\$`?([A-Za-z_][A-Za-z_0-9]*)", text))
    params: dict[str, Any] = {}
    for key, raw in given.items():
        name, _, type_ = key.partition(":")
        type_ = type_.strip() or "string"
        if type_ not in queries.AD_HOC_TYPES:
            raise UsageError(f"parameter {name!r}: unknown type {type_!r}; types: "
                             f"{', '.join(queries.AD_HOC_TYPES)}",
                             nearest(type_, queries.AD_HOC_TYPES))
        if name not in used:
            listed = ", ".join(f"${u}" for u in sorted(used)) or "none"
            raise UsageError(f"parameter {name!r} is not used by the statement (it uses "
                             f"{listed})", nearest(name, used))
        params[name] = queries.Param(name, type_, None, True, "").convert(raw)
    return params


def run_saved(graph: Graph, name: str, given: dict[str, str] | None = None,
              typed: dict[str, Any] | None = None, *,
              paths: list[list[str]] | None = None) -> Rows:
    """Run a saved query read-only; `given` are CLI strings, `typed` already-typed values.
    Vocabulary values and computed inputs are added here, never taken from the user; every
    sources column gets a citations column next to it. A listing (`// row-limit:` header)
    sets `Rows.cut_at` to its limit when more rows matched than it shows. `paths`: the
    `path_ids` of the same parameters, where the caller holds them already (the search is
    the costly part: at 1M facts, 0.7-0.9 s from the biggest hub)."""
    query = queries.get(name)
    params = query.bind(given or {}, typed)
    for need in query.needs:
        if not getattr(graph.capabilities, need):
            raise Unsupported(f"query {name!r} needs {_NEEDS[need]}, which this backend "
                              f"({graph.capabilities.server}) does not have")
    for p in query.params:  # names, aliases and Chinese names become entity ids
        if p.type == "entity" and params[p.name] is not None:
            params[p.name] = resolve_entity(graph, params[p.name])["id"]
    params.update(query.injected())
    if paths is not None and "paths" not in query.computed:
        raise TechKGError(f"query {name!r} computes no paths")
    if "paths" in query.computed:
        params["paths"] = _paths(graph, params) if paths is None else paths
    text = query.cypher
    limit = params[query.row_limit] if query.row_limit else None
    if limit is not None:  # one row more tells whether any were left out
        params[query.row_limit] = limit + 1
    rows = graph.read(text, params)
    cut = limit is not None and len(rows.records) > limit
    if cut:
        rows.records = rows.records[:limit]
    rows = with_citations(graph, rows)
    rows.cut_at = limit if cut else None
    return rows


def _paths(graph: Graph, params: dict[str, Any]) -> list[list[str]]:
    """Shortest entity-only paths from $a to $b (see techkg.query.paths)."""
    most = next(p.high for p in queries.get("neighbours").params if p.name == "limit")

    def links(ids: list[str], targets: list[str] | None) -> dict[str, list[str]]:
        rows = run_saved(graph, "neighbours", typed={
            "ids": ids, "statuses": params["statuses"], "targets": targets, "limit": most})
        if rows.cut_at:  # a path missed for want of a link would be a wrong answer
            raise TechKGError(f"the path search stopped: one step links more than {most:,} "
                              "pairs of entities; ask for fewer hops")
        out: dict[str, list[str]] = {}
        for r in rows.records:
            out.setdefault(r["id"], []).append(r["neighbour"])
        return out

    return shortest_paths(params["a"], params["b"], params["max_hops"],
                          lambda ids: links(ids, None), params["limit"], links)


def path_ids(graph: Graph, a: str, b: str, max_hops: int = 4,
             statuses: str = "counted") -> list[list[str]]:
    """The entity-id sequences `connection` reports for A and B (the same search), for
    callers that draw the paths rather than list their hops."""
    params = queries.get("connection").bind({"statuses": statuses},
                                            {"a": a, "b": b, "max_hops": max_hops})
    for key in ("a", "b"):
        params[key] = resolve_entity(graph, params[key])["id"]
    return _paths(graph, params)


def run_cypher(graph: Graph, text: str, params: dict[str, Any], write: bool) -> Rows:
    """Ad-hoc Cypher with typed parameters (see `cypher_params`).

    Without `write` the statement goes to the read path, where the server refuses it if it
    writes (there is no client-side guess: it refused honest reads and missed writes).
    """
    if write:
        return graph.write(text, params)
    return graph.read(text, params)


def resolve_entity(graph: Graph, text: str) -> dict[str, Any]:
    """One entity by id, name, alias or Chinese name (case-insensitive); else a clear error.
    An exact id wins (one indexed lookup, and the ids an ambiguity error lists always
    resolve); anything else is matched by the `find-entity` scan."""
    by_id = run_saved(graph, "entity-by-id", typed={"id": text}).records
    if by_id:
        return by_id[0]
    rows = run_saved(graph, "find-entity", typed={"text": text}).records
    exact = [r for r in rows if r["exact"]]
    hits = exact or sorted(rows, key=lambda r: _word_rank(text, r))
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise NotFound(f"no entity matches {text!r}", text, nearest_names(graph, text))
    listing = "; ".join(f"{r['id']} ({r['name']}, {r['type']})" for r in hits[:12])
    raise UsageError(f"{text!r} matches {len(hits)} entities, use one of these ids: {listing}")


def _word_rank(text: str, row: dict[str, Any]) -> int:
    """0 when `text` is a whole word of the name ("Li" in "Li (Baoding official)"), 1 when it
    starts a word, 2 inside a word ("li" in "Australia"); ties keep the query's order
    (shorter names first)."""
    t = re.escape(text.strip().lower())
    name = str(row["name"]).lower()
    if re.search(rf"(?<!\w){t}(?!\w)", name):
        return 0
    return 1 if re.search(rf"(?<!\w){t}", name) else 2


def nearest_names(graph: Graph, text: str, limit: int = 3) -> tuple[str, ...]:
    """Entity names (or aliases, Chinese names) closest to a mistyped `text`, best first;
    ids instead when `text` looks like one (`sun-youshn`)."""
    return tuple(s["suggested"] for s in nearest_entities(entity_names(graph), text, limit))


def entity_names(graph: Graph) -> list[dict[str, Any]]:
    """Every entity's id, name, type and `names` (name, Chinese name, aliases), by id: the
    one row of lists `entity-names` returns, a dict per entity."""
    row = run_saved(graph, "entity-names").records[0]
    keys = ("id", "name", "type", "names")
    return unpacked(zip(*(row[k] for k in keys), strict=True), keys)


def entities_among(graph: Graph, ids: list[str] | None) -> list[dict[str, Any]]:
    """The given entities (every one for None), by id, each a dict of id, name, type and
    name_zh: the one row of lists `entities-among` returns."""
    row = run_saved(graph, "entities-among", typed={"ids": ids}).records[0]
    return unpacked(row["entities"], ("id", "name", "type", "name_zh"))


def nearest_entities(rows: list[dict[str, Any]], text: str, limit: int = 3
                     ) -> list[dict[str, Any]]:
    """The suggestions `nearest_names` gives, from `entity_names` rows the caller holds (the
    explorer caches them): up to `limit` entities, each once, by its closest name (or alias,
    Chinese name, or id when `text` looks like one) as `suggested`, with id, name and type.
    A name two entities share stands for the first by id."""
    text = text.strip()
    by_name: dict[str, dict[str, Any]] = {}
    if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", text):
        for r in rows:
            by_name.setdefault(r["id"], r)
    else:
        for r in rows:
            for name in r["names"]:
                by_name.setdefault(name, r)
    out: dict[str, dict[str, Any]] = {}
    for name in nearest(text, by_name, len(by_name)):  # an entity's other names give way
        r = by_name[name]
        out.setdefault(r["id"], {"id": r["id"], "name": r["name"], "type": r["type"],
                                 "suggested": name})
        if len(out) == limit:
            break
    return list(out.values())


def search(graph: Graph, text: str, limit: int) -> Rows:
    """Entities whose name, aliases, Chinese name or description contain `text`.

    Uses the full-text index where the backend has one (to narrow candidates) and the same
    substring predicate either way, so both backends return the same rows.
    """
    if not text.strip():
        raise UsageError("search text is empty")
    # Lucene tokenises CJK text per character, so Chinese names always use the scan
    name = "search-fulltext" if graph.capabilities.fulltext and text.isascii() else "search"
    typed: dict[str, Any] = {"text": text, "limit": limit}
    if name == "search-fulltext":
        typed["lucene"] = " AND ".join(f"*{_lucene_escape(w.lower())}*" for w in text.split())
    return run_saved(graph, name, typed=typed)


def _lucene_escape(word: str) -> str:
    return "".join("\\" + c if c in '+-&|!(){}[]^"~*?:\\/' else c for c in word)


def entity_profile(graph: Graph, text: str, limit: int = 200, sources: int = 100
                   ) -> tuple[dict[str, Any], Rows]:
    """One entity's card (names, labels with their sources, the number of mentioning
    articles and up to `sources` of them, number of facts) and up to `limit` of its facts,
    both with citations."""
    entity_id = resolve_entity(graph, text)["id"]
    card = run_saved(graph, "entity-card", typed={"id": entity_id, "most_sources": sources}
                     ).records[0]
    facts = run_saved(graph, "entity-profile", typed={"id": entity_id, "limit": limit})
    return card, facts


def card_json(card: dict[str, Any]) -> dict[str, Any]:
    """An entity card as `techkg entity --format json` and the explorer's entity JSON give
    it: its fields, and each label with its status, source, citation and quote."""
    labels = [{"label": card["labels"][i], "status": card["label_statuses"][i],
               "source": card["label_sources"][i], "citation": card["label_citations"][i],
               "evidence": card["label_evidence"][i]} for i in range(len(card["labels"]))]
    keys = ("id", "name", "name_zh", "type", "country", "aliases", "description", "inferred",
            "note", "sources", "citations", "source_count", "fact_count")
    return {**{k: card[k] for k in keys}, "labels": labels}


def references(graph: Graph) -> Rows:
    """Every source article as a full reference, with what it contributed to the graph."""
    refs = run_saved(graph, "references")
    coverage = {r["article"]: r for r in run_saved(graph, "article-coverage").records}
    extra = [c for c in next(iter(coverage.values()), {}) if c not in refs.columns
             and c not in ("publisher", "title", "date")]
    records = [{**r, **{c: coverage.get(r["article"], {}).get(c) for c in extra}}
               for r in refs.records]
    return Rows(refs.columns + extra, records)
