"""The pure planner: what the graph holds now + what the extracts say -> the writes to make.

No database access here. `State` is what the graph holds for the keys a run touches (read by
techkg.loaders.sync.state through indexed lookups); `plan()` derives the hot Entity and fact
properties before and after from every article's Declarations and Claims, and returns
a `WritePlan` that only contains differences (techkg.loaders.sync.writes applies it).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from techkg.errors import ValidationFailed
from techkg.loaders.extract import resolve
from techkg.loaders.extract.contributions import Claim, Declaration
from techkg.loaders.sync.records import FactKey, declaration_record, fact_id, present
from techkg.vocabulary import vocabulary

# A source tally lists its facts' ids from this many sources on: the corroborated facts,
# which the listings sorted most corroborated first reach at their default limits (at 1M
# facts, 6 % of them); a tally of single-source facts would hold up to 25,000 ids, rewritten
# whenever one of them changes. Date tallies list every dated fact's id (1,400-1,600 a month
# at 1M).
KEEPS_IDS_FROM = 2
# A hub (an entity with at least this many facts, `fact_count`) has a Hub record of its
# facts counted by type and its neighbours (techkg.loaders.sync.writes), which `neighbours`
# and `entity-profile` read instead of walking its facts. At 1M facts, walking the biggest hub's
# 31,583 facts took 130-250 ms (about 6 microseconds a fact), so below 1,000 a walk stays
# under 10 ms; 198 of the 48,019 entities are hubs, and a first load counts their 795,086
# fact ends once.
HUB_FACTS = 1000
# A plan lists the entity pairs whose tie changes (`WritePlan.ties`) up to this many; past it
# (a first load: a million facts would hold 100 MB of pairs) the hubs they touch count their
# neighbours afresh (techkg.loaders.sync.writes).
TIE_PAIRS = 10_000
NO_IDS: dict[str, list[str]] = {"add": [], "drop": []}

TallyKey = tuple[str, str, int, str | None]  # relationship type, status, sources, month
Decls = dict[str, dict[str, Declaration]]  # entity id -> article id -> declaration
Claims = dict[FactKey, dict[str, Claim]]  # fact key -> article id -> claim


@dataclass
class ArticleInput:
    """One extract reduced to what the graph stores; `source` (its ExtractSummary, optional)
    locates errors."""

    id: str
    meta: dict[str, Any]
    extract_sha256: str
    load_key: str = ""  # techkg.loaders.sync.skip.load_key
    decls: dict[str, Declaration] = field(default_factory=dict)
    claims: dict[FactKey, Claim] = field(default_factory=dict)
    positions: dict[str, int] = field(default_factory=dict)  # entity id -> index in extract
    source: Any = None

    @property
    def check(self) -> tuple[str | None, bool, str | None]:
        """The load key and quote check its Article records (techkg.loaders.sync.state.Loaded)."""
        return (self.load_key, bool(self.meta.get("quotes_checked")),
                self.meta.get("checked_sha256"))


@dataclass
class State:
    """The graph's records for every entity and fact the run touches (all articles' share),
    the Article nodes whose properties or counters the run may change, and the replaced
    articles' fact lists. An entity whose declarations in the replaced articles stay as they
    were may come with those alone: derived from the same declarations before and after, its
    properties cannot change."""

    articles: dict[str, dict] = field(default_factory=dict)
    decls: Decls = field(default_factory=dict)
    claims: Claims = field(default_factory=dict)
    article_facts: dict[str, list[str]] = field(default_factory=dict)  # of replaced articles


class Rows(Sequence):
    """Rows made when they are read (a batch at a time, as they are sent): a load of many
    articles holds what they say once, not again as parameter maps."""

    def __init__(self, items: list, make: Callable[[Any], dict]) -> None:
        self.items, self.make = items, make

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self.make(x) for x in self.items[index]]
        return self.make(self.items[index])

    def __iter__(self) -> Iterator[dict]:
        return map(self.make, self.items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)


@dataclass
class WritePlan:
    """Every write of one run, grouped by statement; rows are plain parameter maps."""

    wipe: bool = False
    delete_facts: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    delete_entities: list[str] = field(default_factory=list)
    create_entities: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    update_entities: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    delete_articles: list[str] = field(default_factory=list)
    upsert_articles: list[dict] = field(default_factory=list)
    article_facts: list[dict] = field(default_factory=list)  # {id, facts}: ArticleFacts
    counters: list[dict] = field(default_factory=list)
    remove_mentions: list[dict] = field(default_factory=list)
    add_mentions: list[dict] | Rows = field(default_factory=list)
    create_facts: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    update_facts: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    delete_decls: list[str] = field(default_factory=list)
    upsert_decls: list[dict] | Rows = field(default_factory=list)  # records it holds
    create_decls: list[dict] | Rows = field(default_factory=list)
    # (relationship type, status, source count, month or None) -> change in facts: the
    # per-type, source and date tallies all follow from it; `recount` counts them afresh
    # instead (a graph written before they were kept)
    tallies: Counter = field(default_factory=Counter)
    # the fact ids that join (+1) or leave (-1) a tally's list (`fact_ids`), by (kind,
    # tally key, fact id): a source tally's where it keeps them (KEEPS_IDS_FROM sources on),
    # a date tally's always
    moved: Counter = field(default_factory=Counter)
    recount: bool = False
    # entities whose count of facts (`fact_count`) may change: the ends of every fact the
    # run creates or deletes (techkg.loaders.sync.writes adds the nodes it writes whole)
    counted: set[str] = field(default_factory=set)
    # A tie is a fact of a counted status (every status but denied and disputed) between two
    # entities; the neighbours in the hubs' Hub records follow the ties. `tied`: the ends of
    # every fact that became or stopped being a tie; `ties`: for each such pair (sorted),
    # True where a fact became a tie (the pair is tied), False where one stopped (whether
    # another still ties them is read), or None past TIE_PAIRS pairs.
    tied: set[str] = field(default_factory=set)
    ties: dict[tuple[str, str], bool] | None = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)

    @property
    def tally_rows(self) -> list[dict]:
        per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for (t, _, n, _), change in self.tallies.items():
            per_type[t][0] += change
            per_type[t][1] += change if n >= 2 else 0
        return [{"type": t, "facts": f, "corroborated": c}
                for t, (f, c) in sorted(per_type.items()) if f or c]

    @property
    def source_tally_rows(self) -> list[dict]:
        per_key: Counter = Counter()
        for (t, s, n, _), change in self.tallies.items():
            per_key[f"{t}|{s}|{n}"] += change
        ids = self._ids("source")
        rows = []
        for key in sorted(k for k in set(per_key) | set(ids) if per_key[k] or k in ids):
            t, s, n = key.split("|")
            rows.append({"key": key, "type": t, "status": s, "source_count": int(n),
                         "facts": per_key[key], "keep": int(n) >= KEEPS_IDS_FROM,
                         **ids.get(key, NO_IDS)})
        return rows

    @property
    def date_tally_rows(self) -> list[dict]:
        per_month: Counter = Counter()
        for (_, _, _, m), change in self.tallies.items():
            if m:
                per_month[m] += change
        ids = self._ids("date")
        return [{"key": m, "facts": per_month[m], **ids.get(m, NO_IDS)}
                for m in sorted(set(per_month) | set(ids)) if per_month[m] or m in ids]

    def move(self, fact: FactKey, old: TallyKey | None, new: TallyKey | None) -> None:
        """Count one fact out of the tallies of `old` and into those of `new` (None: not in
        the graph), its id with it where a tally lists them."""
        if old == new:
            return
        if old is None or new is None:  # the fact is created or deleted
            self.counted.update((fact[0], fact[2]))
        was, now = _tie(old), _tie(new)
        if was != now:
            self.tied.update((fact[0], fact[2]))
            if self.ties is not None:
                pair = (min(fact[0], fact[2]), max(fact[0], fact[2]))
                self.ties[pair] = now or self.ties.get(pair, False)
                if len(self.ties) > TIE_PAIRS:
                    self.ties = None
        if old:
            self.tallies[old] -= 1
        if new:
            self.tallies[new] += 1
        fid = fact_id(fact)
        for kind, was, now in (("source", _listed_source(old), _listed_source(new)),
                               ("date", old and old[3], new and new[3])):
            if was != now:
                if was:
                    self.moved[kind, was, fid] -= 1
                if now:
                    self.moved[kind, now, fid] += 1

    def _ids(self, kind: str) -> dict[str, dict[str, list[str]]]:
        """Per tally key of one kind, the fact ids its list gains (`add`) and loses (`drop`)."""
        out: dict[str, dict[str, list[str]]] = {}
        for (k, key, fact), change in sorted(self.moved.items()):
            if change and k == kind:
                lists = out.setdefault(key, {"add": [], "drop": []})
                lists["add" if change > 0 else "drop"].append(fact)
        return out

    @property
    def empty(self) -> bool:
        # a tally can change alone (a status moves a fact between source tallies)
        return not (self.wipe or self.source_tally_rows or self.date_tally_rows or any(
            getattr(self, f) for f in self.__dataclass_fields__
            if f not in ("wipe", "counts", "tallies")))


@cache
def _counted() -> frozenset[str]:
    return frozenset(vocabulary().counted_statuses())


def _tie(key: TallyKey | None) -> bool:
    """Whether a fact in the graph with this tally key ties its ends (a counted status)."""
    return key is not None and key[1] in _counted()


def article_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """The Article node's public metadata: the extract's `article` block plus a citation."""
    props = present(dict(meta))
    props["citation"] = resolve.citation(props)
    return props


def plan(state: State, inputs: list[ArticleInput], removed: list[str] | tuple = (),
         wipe: bool = False, records: bool = True) -> WritePlan:
    """The writes that replace the contributions of `inputs` and `removed` articles
    (`records=False`: without the Declaration records, sent already). Each article's claims
    travel on the facts themselves (resolve.fact_props).

    Raises ValidationFailed (located at the extract) when a declaration contradicts another
    article's declaration of the same entity."""
    out = WritePlan(wipe=wipe)
    by_id = {i.id: i for i in inputs}
    replaced = set(by_id) | set(removed)
    new_claims: Claims = defaultdict(dict)
    for inp in inputs:
        for k, c in inp.claims.items():
            new_claims[k][inp.id] = c
    before_d, after_d = _merged(state.decls, _declared(inputs), replaced)
    _check_conflicts(after_d, by_id)
    retyped = _plan_entities(out, before_d, after_d)
    before_c, after_c = _merged(state.claims, new_claims, replaced)
    gone = set(out.delete_entities) - retyped
    _plan_facts(out, before_c, after_c, retyped, gone)
    if records:
        _plan_records(out, state, inputs, replaced)
    _plan_mentions(out, inputs, before_d, after_d, retyped, gone)
    _plan_articles(out, state, inputs, removed, before_c, after_c)
    return out


def plan_first(inputs: list[ArticleInput], claim_parts: Iterable[Claims],
               article_rows: Iterable[list[tuple[str, dict[str, Any], list[str]]]]
               ) -> Iterator[WritePlan]:
    """A first load's writes (into an empty graph, Declaration records sent already), a
    part at a time, so the caller holds one part of the claims at once
    (techkg.loaders.sync.spill): the entities, then each part's facts, then the Article
    nodes, then their MENTIONS (`MENTIONS_AT_ONCE` articles' at a time). `inputs` carry
    their declarations but no claims; each part holds every claim of its facts;
    `article_rows` are (id, `article_row()`, `article_facts()`) of every input. Together
    the plans write what `plan(State(), inputs_with_claims, records=False)` does.

    Raises ValidationFailed as plan() does, before anything is yielded."""
    out = WritePlan()
    before_d, after_d = _merged({}, _declared(inputs), set())
    _check_conflicts(after_d, {i.id: i for i in inputs})
    _plan_entities(out, before_d, after_d)
    del before_d, after_d
    yield out
    sole: Counter = Counter()
    for claims in claim_parts:
        out = WritePlan()
        before_c, after_c = _merged({}, claims, set())
        _plan_facts(out, before_c, after_c, set(), set())
        sole.update(_sole(after_c))
        yield out
    for rows in article_rows:
        out = WritePlan()
        out.upsert_articles = [{"id": a, "props": {**row, "only_here": sole[a]}}
                               for a, row, _ in rows]
        out.article_facts = [{"id": a, "facts": facts} for a, _, facts in rows]
        out.counts["articles_written"] = len(rows)
        yield out
    for start in range(0, len(inputs), MENTIONS_AT_ONCE):
        out = WritePlan()
        _plan_mentions(out, inputs[start:start + MENTIONS_AT_ONCE], {}, {}, set(), set())
        yield out


MENTIONS_AT_ONCE = 1000  # articles whose MENTIONS one plan holds (40 each in the benchmarks)


def _declared(inputs: list[ArticleInput]) -> Decls:
    """Every input's declarations, by entity then article."""
    decls: Decls = defaultdict(dict)
    for inp in inputs:
        for e, d in inp.decls.items():
            decls[e][inp.id] = d
    return decls


_NOTHING: dict = {}  # shared by every key the graph does not hold yet (only ever read)


def _merged(old: dict, new: dict, replaced: set[str]) -> tuple[dict, dict]:
    """(before, after) per key: the replaced articles' share swapped for the new one. A key
    only the new articles hold keeps their dict (no copy: a first load has 100k of them)."""
    keys = sorted(set(old) | set(new))
    before = {k: old.get(k, _NOTHING) for k in keys}
    after = {}
    for k in keys:
        if not before[k]:
            after[k] = new.get(k, _NOTHING)
            continue
        merged = {a: v for a, v in before[k].items() if a not in replaced}
        merged.update(new.get(k, {}))
        after[k] = merged
    return before, after


def _check_conflicts(after: Decls, by_id: dict[str, ArticleInput]) -> None:
    """Declarations that contradict each other once the inputs replace their articles'. A
    contradiction is reported at the input's declaration even when the graph's article is
    the one that sorts later (and so is the one `resolve.conflicts` names)."""
    problems = []
    for entity_id, decls in after.items():
        for article, message in resolve.conflicts(decls):
            inp = by_id.get(article)
            if inp is None:  # an article in the graph contradicts an input that sorts first
                inp = next((by_id[a] for a in sorted(decls) if a in by_id), None)
                message = f"article {article}'s {message}"
            if inp is not None and inp.source is not None:
                problems.append(inp.source.entity_issue(
                    inp.positions[entity_id],
                    f"entity {entity_id!r} (already in the graph): {message}"))
    if problems:
        raise ValidationFailed(problems)


def _plan_entities(out: WritePlan, before: Decls, after: Decls) -> set[str]:
    retyped: set[str] = set()
    for e in before:
        old = present(resolve.entity_props(e, before[e])) if before[e] else None
        new = present(resolve.entity_props(e, after[e])) if after[e] else None
        if new is None:
            if old is not None:
                out.delete_entities.append(e)
                out.counts["entities_deleted"] += 1
            continue
        row = {"id": e, "props": new}
        if old is None:  # no article declared it, so the graph holds no node of it
            out.counts["entities_created"] += 1
            out.create_entities[new["type"]].append(row)
        elif old["type"] != new["type"]:  # a label is fixed at creation: recreate the node
            retyped.add(e)
            out.delete_entities.append(e)
            out.counts["entities_updated"] += 1
            out.create_entities[new["type"]].append(row)
        elif old != new:
            out.counts["entities_updated"] += 1
            out.update_entities[new["type"]].append(row)
    return retyped


def _plan_facts(out: WritePlan, before: Claims, after: Claims, retyped: set[str],
                gone: set[str]) -> None:
    created: dict[str, list] = defaultdict(list)
    for key in before:
        s, t, o = key
        _tally(out, key, before[key], after[key])
        if not before[key]:  # a new fact: its properties are derived when it is sent
            if after[key]:
                out.counts["facts_created"] += 1
                created[t].append((s, o, t, after[key]))
            continue
        old = present(resolve.fact_props(t, before[key]))
        new = present(resolve.fact_props(t, after[key])) if after[key] else None
        recreate = s in retyped or o in retyped  # removed with its end node
        if new is None:
            out.counts["facts_deleted"] += 1
            if not recreate and s not in gone and o not in gone:
                out.delete_facts[t].append({"s": s, "o": o})
            continue
        row = {"s": s, "o": o, "props": new}
        if recreate:
            out.counts["facts_updated"] += old != new
            out.create_facts[t].append(row)
        elif old != new:
            out.counts["facts_updated"] += 1
            out.update_facts[t].append(row)
    for t, items in created.items():
        out.create_facts[t] = Rows(out.create_facts[t] + items, _fact_row)


def _tally(out: WritePlan, key: FactKey, before: dict, after: dict) -> None:
    """A fact exists while some article claims it, with the status, number of sources and
    timeline date its claims give it."""
    out.move(key, _tally_key(key[1], before), _tally_key(key[1], after))


def _tally_key(rel_type: str, claims: dict) -> TallyKey | None:
    if not claims:
        return None
    ordered = [claims[a] for a in sorted(claims)]
    date, start, end = resolve.dates(ordered)
    return (rel_type, vocabulary().strongest_status([c.status for c in ordered]),
            len(claims), resolve.month(date or start or end))


def _listed_source(key: TallyKey | None) -> str | None:
    """The source tally that lists this fact's id, if one does."""
    return f"{key[0]}|{key[1]}|{key[2]}" if key and key[2] >= KEEPS_IDS_FROM else None


def _fact_row(item: tuple) -> dict:
    if isinstance(item, dict):
        return item  # made already (a recreated fact)
    s, o, t, claims = item
    return {"s": s, "o": o, "props": present(resolve.fact_props(t, claims))}


def _plan_records(out: WritePlan, state: State, inputs: list[ArticleInput],
                  replaced: set[str]) -> None:
    old_d = {(a, e): d for e, per in state.decls.items() for a, d in per.items() if a in replaced}
    new_d = {(i.id, e): d for i in inputs for e, d in i.decls.items()}
    out.create_decls = Rows([(a, e, d) for (a, e), d in sorted(new_d.items())
                             if (a, e) not in old_d], _decl_row)
    out.upsert_decls = Rows([(a, e, d) for (a, e), d in sorted(new_d.items())
                             if (a, e) in old_d and old_d[(a, e)] != d], _decl_row)
    out.delete_decls += sorted(f"{a}|{e}" for (a, e) in set(old_d) - set(new_d))


def _decl_row(item: tuple) -> dict:
    return declaration_record(*item)


def _plan_mentions(out: WritePlan, inputs: list[ArticleInput], before: Decls, after: Decls,
                   retyped: set[str], gone: set[str]) -> None:
    adds: set[tuple[str, str]] = set()
    declared: dict[str, set[str]] = defaultdict(set)
    for e, per in before.items():
        for a in per:
            declared[a].add(e)
    for inp in inputs:
        had = declared[inp.id]
        want = set(inp.decls)
        for e in sorted(want - had):
            out.counts["mentions_added"] += 1
            adds.add((inp.id, e))
        for e in sorted(had - want):
            out.counts["mentions_removed"] += 1
            if e not in gone and e not in retyped:
                out.remove_mentions.append({"a": inp.id, "e": e})
    for e in retyped:  # the recreated node lost every article's MENTIONS
        adds |= {(a, e) for a in after[e]}
    out.add_mentions = Rows(sorted(adds), _mention_row)  # 400k of them at 10,000 articles


def _mention_row(item: tuple[str, str]) -> dict:
    return {"a": item[0], "e": item[1]}


def article_row(inp: ArticleInput) -> dict[str, Any]:
    """The Article node's properties but `only_here` (which needs every article's claims)."""
    return {**inp.meta, "extract_sha256": inp.extract_sha256, "load_key": inp.load_key,
            "entity_count": len(inp.decls), "fact_count": len(inp.claims)}


def article_facts(inp: ArticleInput) -> list[str]:
    """The ids of the facts the article claims, sorted (its ArticleFacts record)."""
    return sorted(map(fact_id, inp.claims))


def _sole(claims: Claims) -> Counter:
    """Per article, how many of these facts it alone claims."""
    return Counter(next(iter(per)) for per in claims.values() if len(per) == 1)


def _plan_articles(out: WritePlan, state: State, inputs: list[ArticleInput], removed,
                   before: Claims, after: Claims) -> None:
    delta = _sole(after)
    delta.subtract(_sole(before))
    done = set(removed) | {i.id for i in inputs}
    for inp in inputs:
        only_here = sum(1 for k in inp.claims if len(after[k]) == 1)
        props = {**article_row(inp), "only_here": only_here}
        old = state.articles.get(inp.id)
        if old is None or _public(old) != inp.meta:
            out.counts["articles_written"] += 1
        if old != props:
            out.upsert_articles.append({"id": inp.id, "props": props})
        facts = article_facts(inp)
        if state.article_facts.get(inp.id) != facts:
            out.article_facts.append({"id": inp.id, "facts": facts})
    for a in sorted(delta):
        if a not in done and delta[a] and a in state.articles:
            out.counters.append({"id": a,
                                 "n": state.articles[a].get("only_here", 0) + delta[a]})
    out.delete_articles += sorted(removed)
    out.counts["articles_removed"] = len(removed)


_HIDDEN = {"extract_sha256", "load_key", "entity_count", "fact_count", "only_here"}


def _public(article: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in article.items() if k not in _HIDDEN}
