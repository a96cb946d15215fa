"""What each explorer page shows, as plain data. A page's JSON twin returns this data as it
is and its HTML renders it, so the two cannot disagree. Every read is a saved query or a
service call on the read-only path; nothing here writes."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from techkg.errors import UsageError
from techkg.graph import Graph
from techkg.query import catalogue as queries
from techkg.query import service
from techkg.vocabulary import vocabulary
from techkg.web import viz

PAGE = 100  # facts per page of an entity: a hub's thousands are paged ("show more")
PAGE_MAX = 1000
SEARCH_LIMIT = 25
SUGGESTIONS = 3
NAMES_TTL = 60.0  # seconds the "did you mean" name list is reused (a load may change it)
# queries whose inputs the service computes: the path page and the search box run them
NOT_FORMS = ("connection", "search-fulltext")
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="techkg-web")


@dataclass
class Explorer:
    """The pages of one graph. Holds the one cache the app keeps: entity names for the
    "did you mean" of a search that found nothing (refreshed after NAMES_TTL seconds)."""

    graph: Graph
    articles: Path | None = None  # the article texts, where configured ("in context")
    most_drawn: int = viz.MOST_DRAWN  # a query's view of more entities is not drawn
    most_facts: int = viz.MOST_FACTS  # nor one whose entities may hold more facts
    _names: tuple[float, list[dict[str, Any]]] | None = field(default=None, repr=False)

    # -- home and sources ------------------------------------------------------------------
    def home(self) -> dict[str, Any]:
        stats = service.run_saved(self.graph, "graph-stats").records
        entities = [{"type": r["type"], "count": r["count"]} for r in stats
                    if r["kind"] == "entity"]
        facts = [{"type": r["type"], "count": r["count"], "corroborated": r["corroborated"]}
                 for r in stats if r["kind"] == "relationship"]
        articles = service.run_saved(self.graph, "references").records
        return {"empty": not entities,
                "entities": entities, "relationships": facts,
                "articles": [{"article": a["article"], "citation": a["citation"]}
                             for a in articles],
                "queries": [{"name": q.name, "description": q.description}
                            for q in queries.questions().values() if q.name not in NOT_FORMS]}

    def sources(self) -> list[dict[str, Any]]:
        """The same rows as `techkg sources --format json`."""
        return service.references(self.graph).records

    # -- search ------------------------------------------------------------------------------
    def search(self, text: str, limit: int = SEARCH_LIMIT) -> dict[str, Any]:
        """Ranked matches (exact name first); on none, the closest names as suggestions."""
        text = text.strip()
        if not text:
            return {"q": "", "results": [], "more": False, "did_you_mean": []}
        rows = service.run_saved(self.graph, "search-ranked",
                                 typed={"text": text, "limit": limit})
        suggest = [] if rows.records else self.did_you_mean(text)
        return {"q": text, "results": rows.records, "more": rows.cut_at is not None,
                "did_you_mean": suggest}

    def did_you_mean(self, text: str) -> list[dict[str, Any]]:
        """The names `techkg entity` suggests for the same typo, each with its entity."""
        return service.nearest_entities(self._entity_names(), text, SUGGESTIONS)

    def _entity_names(self) -> list[dict[str, Any]]:
        """Every entity's id, name, type and names (`entity-names`), cached NAMES_TTL s."""
        now = time.monotonic()
        if self._names is None or now - self._names[0] > NAMES_TTL:
            self._names = (now, service.entity_names(self.graph))
        return self._names[1]

    # -- entity -------------------------------------------------------------------------------
    def entity(self, text: str, skip: int = 0, limit: int = PAGE) -> dict[str, Any]:
        """Card, labels with their quotes, and one page of facts (both ways) with citations."""
        if not 0 <= skip or not 1 <= limit <= PAGE_MAX:
            raise UsageError(f"skip must be 0 or more and limit between 1 and {PAGE_MAX}")
        card, facts = self._card_and_page(text, skip, limit)
        shown = skip + len(facts)
        return {"entity": service.card_json(card), "facts": facts,
                "page": {"skip": skip, "limit": limit, "total": card["fact_count"],
                         "next_skip": shown if shown < card["fact_count"] else None}}

    def _card_and_page(self, text: str, skip: int, limit: int
                       ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The card and one page of facts, read side by side (two independent reads on the
        pooled driver: an entity page then waits for the slower, not for both). Each saved
        query resolves a name, alias or id to the entity itself."""
        pending = _POOL.submit(lambda: service.run_saved(self.graph, "neighbourhood", typed={
            "id": text, "skip": skip, "limit": limit}).records)
        card = service.run_saved(self.graph, "entity-card", typed={"id": text}).records[0]
        return card, pending.result()

    # -- paths ---------------------------------------------------------------------------------
    def path(self, a: str, b: str, max_hops: int = 4, statuses: str = "counted"
             ) -> dict[str, Any]:
        """The rows of `techkg path A B --format json`, the entity-id sequences they follow,
        and the view the canvas draws (the hops' entities and facts)."""
        given = {"statuses": statuses}
        typed = {"a": a, "b": b, "max_hops": max_hops}
        paths = service.path_ids(self.graph, a, b, max_hops, statuses)
        rows = service.run_saved(self.graph, "connection", given, typed=typed, paths=paths)
        wanted = set(queries.get("connection").bind(given, typed)["statuses"])
        ids = sorted({i for p in paths for i in p})
        drawn = viz.view(self.graph, ids) if ids else {"nodes": [], "edges": []}
        hops = {frozenset(p[i:i + 2]) for p in paths for i in range(len(p) - 1)}
        drawn["edges"] = [e for e in drawn["edges"] if e["status"] in wanted
                          and frozenset((e["source"], e["target"])) in hops]
        return {"a": a, "b": b, "max_hops": max_hops, "statuses": statuses,
                "paths": paths, "rows": rows.records, "view": drawn}

    # -- saved queries -----------------------------------------------------------------------
    def query(self, name: str, given: dict[str, str]) -> dict[str, Any]:
        """The query's form (from its header) and, when it can run, its rows as the CLI
        gives them, the columns its table shows, and the entities they name."""
        q = queries.get(name)
        form = query_form(q, given)
        missing = [p.name for p in q.params if p.required and not given.get(p.name)]
        result: dict[str, Any] = {"query": {"name": q.name, "description": q.description},
                                  "form": form, "missing": missing}
        if missing:
            return result
        rows = self.rows(name, given)
        named = viz.named_ids(self.graph, rows.records, self._entity_names(), self.most_drawn,
                              self.most_facts)
        drawn = viz.refused(named.refused) if named.refused else viz.view(self.graph, named.ids)
        if named.note and drawn["nodes"]:
            drawn["note"] = named.note
        result.update(columns=table_columns(rows.columns), rows=rows.records,
                      cut_at=rows.cut_at, view=drawn)
        return result

    def rows(self, name: str, given: dict[str, str]) -> Any:
        """`techkg query NAME -p …` rows (empty parameters are left to their defaults)."""
        if name in NOT_FORMS:
            raise UsageError(f"query {name!r} takes inputs the service computes; "
                             "use the path page or the search box")
        return service.run_saved(self.graph, name, {k: v for k, v in given.items() if v})

    # -- a quote in context ------------------------------------------------------------------
    def context(self, articles: list[str], quote: str) -> dict[str, Any]:
        """The paragraph of one of these articles' texts that holds the quote, marked."""
        from techkg.errors import NotFound
        from techkg.web.context import find

        if self.articles is None:
            raise NotFound("no article texts are configured here (TECHKG_ARTICLES or "
                           "--articles)", quote)
        rows = service.run_saved(self.graph, "article-files", typed={"ids": articles}).records
        found = find(self.articles, {r["article"]: r["file"] for r in rows}, quote)
        cite = {r["article"]: r["citation"] for r in rows}
        return {"article": found.article, "citation": cite[found.article], "quote": quote,
                "paragraph": found.paragraph, "marks": [list(m) for m in found.marks]}

    # -- canvas ---------------------------------------------------------------------------------
    def canvas(self, ids: list[str]) -> dict[str, Any]:
        """The entities with these ids and every fact among them."""
        return viz.view(self.graph, sorted(set(ids))) if ids else {"nodes": [], "edges": []}


def table_columns(columns: list[str]) -> list[str]:
    """The columns the CLI's table shows: article ids give way to their citations."""
    from techkg.query.citations import citation_column, source_columns

    ids = set(source_columns(columns))
    return [c for c in columns if not (c in ids and citation_column(c) in columns)]


def query_form(q: queries.SavedQuery, given: dict[str, str]) -> list[dict[str, Any]]:
    """One form field per parameter, from the query's header: type, default, range, and the
    choices a statuses parameter offers."""
    fields = []
    for p in q.params:
        value = given.get(p.name)
        fields.append({
            "name": p.name, "type": p.type, "description": p.description,
            "required": p.required, "default": None if p.required else _default_value(p),
            "value": value if value is not None else _default_value(p),
            "min": p.low, "max": p.high,
            "choices": (["counted", "all", *vocabulary().statuses] if p.type == "statuses"
                        else ["true", "false"] if p.type == "bool" else None)})
    return fields


def _default_value(p: queries.Param) -> str:
    """The default as the form shows it (`counted` for the usual statuses, as typed)."""
    if p.required or p.default is None:
        return ""
    if p.type == "statuses" and p.default == vocabulary().counted_statuses():
        return "counted"
    return p.default_text()
