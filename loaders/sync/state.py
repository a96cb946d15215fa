"""Read what the planner needs from the graph, by indexed keys only.

Every lookup starts from a unique key or an index (Article.id and its fact list, Entity.id,
Declaration.article/entity), so the work grows with the size of the change, not with the
corpus (but for the server's count of the Articles, and a prune's read of them all); every
article's claim of a fact is read from the fact itself. The statements are
saved queries (`cypher/sync-*.cypher`, marked internal), sent in the load's own transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from techkg.errors import TechKGError
from techkg.graph import unpacked
from techkg.loaders.extract import resolve
from techkg.loaders.sync.plan import HUB_FACTS, KEEPS_IDS_FROM, ArticleInput, State
from techkg.loaders.sync.records import (
    claims_of_fact,
    declaration_from_record,
    fact_id,
    parse_fact_id,
)
from techkg.query.catalogue import statement


def _read(tx: Any, query: str, params: dict[str, Any]) -> list[dict]:
    return [dict(r) for r in tx.run(query, params)]


def _rows(tx: Any, name: str, **params: Any) -> list[dict]:
    """The rows of the saved query `name`, read in the caller's transaction."""
    return _read(tx, statement(name), params)


@dataclass(frozen=True)
class Loaded:
    """What the graph records about how one article was loaded and checked."""

    extract_sha256: str | None  # None: written by a loader without per-article records
    load_key: str | None  # None: loaded before load keys were recorded (never skipped)
    file: str | None  # the article text's file name
    quotes_checked: bool
    checked_sha256: str | None
    facts_on_node: bool = False  # its fact ids on the node (before ArticleFacts records)

    @property
    def check(self) -> tuple[str | None, bool, str | None]:
        """What a load compares with an extract's: changed when any part differs."""
        return self.load_key, self.quotes_checked, self.checked_sha256


def loaded_articles(tx: Any, ids: list[str] | None = None) -> dict[str, Loaded]:
    """Article id -> how it was loaded: every article's, or only these (by index)."""
    if ids is None:  # one row holding a list per article, in the columns' order below
        rows = unpacked(_rows(tx, "sync-loaded-articles")[0]["articles"],
                        ("id", "h", "k", "f", "c", "s", "l"))
    else:
        rows = _rows(tx, "sync-articles-by-id", articles=ids)
    return {r["id"]: Loaded(r["h"], r["k"], r["f"], bool(r["c"]), r["s"], bool(r["l"]))
            for r in rows}


@dataclass(frozen=True)
class ArticlesSummary:
    """What a load must know of all the graph's articles when it prunes none."""

    count: int
    old: int  # written by a loader without per-article records
    facts_on_node: int  # keeping their fact ids themselves (before ArticleFacts records)


def articles_summary(tx: Any, known: dict[str, Loaded] | None = None) -> ArticlesSummary:
    """Counted by the server, or from `known` when every article was read anyway: at 10,000
    articles, streaming every Article's record took about 0.3 s, counting them 0.04 s."""
    if known is not None:
        return ArticlesSummary(len(known),
                               sum(k.extract_sha256 is None for k in known.values()),
                               sum(k.facts_on_node for k in known.values()))
    row = _rows(tx, "sync-articles-summary")[0]
    return ArticlesSummary(row["n"], row["old"], row["l"])


def agreed(tx: Any, entities: list[str]) -> dict[str, dict]:
    """Entity id -> the values every article that declares it agrees on (`resolve.AGREE`),
    as its node holds them (an entity absent from the graph is absent here)."""
    fields = ", ".join(f"n.{k} AS {k}" for k in resolve.AGREE)
    # stays in Python: its field list is spliced from resolve.AGREE
    query = f"UNWIND $ids AS id MATCH (n:Entity {{id: id}}) RETURN id, {fields}"
    return {r.pop("id"): r for r in _read(tx, query, {"ids": entities})} if entities else {}


def declared(tx: Any, entities: list[str], articles: set[str]) -> dict[str, list[dict]]:
    """Article id -> what its Declaration records say of these entities (the fields that
    must agree across articles), for the given articles only: the cross-file checks' view
    of the extracts a load did not read again. By the Declaration.entity index."""
    out: dict[str, list[dict]] = {}
    for r in _rows(tx, "sync-entity-declarations", entities=entities) if entities else []:
        if r["a"] in articles:
            out.setdefault(r.pop("a"), []).append(r)
    return out


def declaring(tx: Any, entities: list[str]) -> set[str]:
    """The articles whose Declaration records name any of these entity ids (by index)."""
    return {r["a"] for r in _rows(tx, "sync-declaring-articles", entities=entities)
            } if entities else set()


def holds_tallies(tx: Any) -> bool:
    """Whether the graph keeps the fact tallies with their lists of fact ids, each entity's
    count of facts and each hub's Hub record (a graph loaded before they were kept lacks
    some: its next load counts them all once). Reads every entity's count: 0.06 s at 1M."""
    return bool(_rows(tx, "sync-holds-tallies", keeps=KEEPS_IDS_FROM, hub=HUB_FACTS
                      )[0]["held"])


def holds_articles(tx: Any) -> bool:
    """Whether any Article exists (one row: reading every Article took 0.7 s at 10,000)."""
    return bool(_rows(tx, "sync-any-article"))


def holds_records(tx: Any) -> bool:
    """Whether any per-article record or entity exists (an empty graph needs no state read,
    and the load creates every entity there)."""
    return bool(_rows(tx, "sync-any-declaration") or _rows(tx, "any-entity"))


def refuse_old_layout(tx: Any) -> None:
    """A graph written before claims moved onto the facts keeps them as :Claim records,
    which this loader neither reads nor updates: a load on top would leave them stale."""
    if _rows(tx, "sync-legacy-claims"):
        raise TechKGError("the graph was written by an earlier techkg, which kept per-article "
                          "Claim records; rebuild it from the extracts (the rebuild's wipe "
                          "removes them), then load as usual")


def undeclared_nodes(tx: Any, ids: list[str]) -> list[str]:
    """Which of these ids, that no article declares, have an Entity node all the same (one
    written by hand): the load would create their node, and the server refuses a second."""
    return [r["id"] for r in _rows(tx, "sync-entity-nodes", entities=ids)] if ids else []


def _column(tx: Any, name: str, **keys: list[str]) -> list[dict]:
    """Column `p` of the saved query `name`, sent only when it has keys to look up."""
    return [r["p"] for r in _rows(tx, name, **keys)] if all(keys.values()) else []


def read_state(tx: Any, inputs: list[ArticleInput], removed: list[str]) -> State:
    """The records of every entity and fact that the replaced articles touch, before or
    after, and the Article nodes whose counters can change."""
    state = State()
    arts = sorted({i.id for i in inputs} | set(removed))
    old_d = _column(tx, "sync-declarations-by-article", articles=arts)
    for r in _rows(tx, "sync-claim-facts-by-article", articles=arts) if arts else []:
        state.article_facts[r["a"]] = r["p"]
    old_c = {f for facts in state.article_facts.values() for f in facts}
    # An entity whose declaration the run leaves as it was keeps the properties derived from
    # it: only that declaration is needed (a hub's hundreds of others are not read).
    mine = {(d["article"], d["entity"]): declaration_from_record(d) for d in old_d}
    new = {(i.id, e): d for i in inputs for e, d in i.decls.items()}
    changed = {e for (a, e) in mine.keys() | new.keys() if mine.get((a, e)) != new.get((a, e))}
    for (a, e), d in mine.items():
        if e not in changed:
            state.decls.setdefault(e, {})[a] = d
    entities = sorted(changed)
    for rec in _column(tx, "sync-declarations-by-entity", entities=entities):
        state.decls.setdefault(rec["entity"], {})[rec["article"]] = declaration_from_record(rec)
    facts = sorted(set(old_c) | {fact_id(k) for i in inputs for k in i.claims})
    rows = _rows(tx, "sync-facts-by-id", facts=facts) if facts else []
    retyped = _retyped(state, inputs, set(arts))
    if retyped:  # every fact at a recreated node is rewritten
        rows += _rows(tx, "sync-facts-at-entities", entities=retyped)
    for row in rows:
        state.claims[parse_fact_id(row["k"])] = claims_of_fact(row["p"])
    ids = sorted(set(arts) | {a for per in state.claims.values() for a in per})
    for r in _rows(tx, "sync-article-records", articles=ids):
        state.articles[r["id"]] = r["p"]
    return state


def _retyped(state: State, inputs: list[ArticleInput], replaced: set[str]) -> list[str]:
    """Entities whose derived type changes (their node and relationships are recreated)."""
    out = []
    for e, per in state.decls.items():
        after = {a: d for a, d in per.items() if a not in replaced}
        after.update({i.id: i.decls[e] for i in inputs if e in i.decls})
        if per and after and (resolve.entity_props(e, per)["type"]
                              != resolve.entity_props(e, after)["type"]):
            out.append(e)
    return sorted(out)
