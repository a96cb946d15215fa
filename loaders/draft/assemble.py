"""`techkg draft`: turn an article text into a draft extract a person reviews before loading.

Known entities (declared by existing extracts and named in the text) keep their ids, so the
new article resolves against the graph by construction; new names become candidates; each
sentence naming two entities becomes a fact stub quoting it. Every item is `review: todo`.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError
from rapidfuzz.fuzz import token_sort_ratio as ratio

from techkg.loaders.draft.descriptive import kind_forms
from techkg.loaders.draft.metadata import dates_in, guess_metadata
from techkg.loaders.draft.names import Candidate, candidates, suggested_type
from techkg.loaders.draft.relations import Stub, stubs
from techkg.loaders.draft.scored_pairs import scored_stubs
from techkg.loaders.draft.tagger import new_names
from techkg.loaders.draft.text import Mention, find_mentions, form_pattern, sentences
from techkg.loaders.draft.words import drafting
from techkg.loaders.extract.model import MAX_SLUG, Extract
from techkg.loaders.extract.yaml_source import YamlProblem, read_located

FUZZY_HINT = 85  # rapidfuzz token_sort_ratio from which a new name gets a "same as" hint
MAX_PAIR_GAP = 12  # in a sentence naming many entities, pair each with the next few only


@dataclass(frozen=True)
class KnownEntity:
    """An entity some existing extract declares: what a draft must repeat to agree with it."""

    id: str
    type: str
    name: str
    name_zh: str | None
    country: str | None
    forms: tuple[str, ...]
    articles: tuple[str, ...]


@dataclass
class DraftEntity:
    id: str
    type: str
    name: str
    comment: str
    known: bool
    aliases: list[str] = field(default_factory=list)
    name_zh: str | None = None
    country: str | None = None
    note: str | None = None
    inner: bool = False
    short_forms: tuple[str, ...] = ()  # a person's surname or given name, for mentions only
    kind: str | None = None  # the name of the kind this one is one of
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)  # see Candidate


@dataclass
class Draft:
    """A drafted extract, before it is written as YAML."""

    article: dict[str, str]
    dates: list[str]
    entities: list[DraftEntity]
    stubs: list[Stub]

    @property
    def items(self) -> int:
        return len(self.entities) + len(self.stubs)


def registry(files: list[Path]) -> tuple[dict[str, KnownEntity], list[Path]]:
    """Entities declared by the given extracts (first declaration by article id wins, as in the
    graph), and the files that could not be read as extracts."""
    decls: dict[str, list[tuple[str, object]]] = {}
    skipped: list[Path] = []
    for path in sorted(files):
        try:
            model = Extract.model_validate(read_located(path).data)
        except (YamlProblem, ValidationError):
            skipped.append(path)
            continue
        for ent in model.entities:
            decls.setdefault(ent.id, []).append((model.article.id, ent))
    known: dict[str, KnownEntity] = {}
    for entity_id, found in decls.items():
        found.sort(key=lambda pair: pair[0])
        ents = [e for _, e in found]

        def first(key: str, ents: list = ents) -> str | None:
            return next((getattr(e, key) for e in ents if getattr(e, key)), None)

        forms = [ents[0].name, *(a for e in ents for a in e.aliases),
                 *(e.name_zh for e in ents if e.name_zh)]
        known[entity_id] = KnownEntity(entity_id, ents[0].type, ents[0].name, first("name_zh"),
                                       first("country"), tuple(dict.fromkeys(forms)),
                                       tuple(a for a, _ in found))
    return known, skipped


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if len(out) > MAX_SLUG:  # ids have a length limit; cut at a word boundary
        out = out[:MAX_SLUG].rsplit("-", 1)[0]
    return out


def draft(text: str, article: dict[str, str], known: dict[str, KnownEntity],
          max_pair_gap: int = MAX_PAIR_GAP, tagger: bool = True, scored_pairs: bool = True
          ) -> Draft:
    """The draft extract of one article text, given the entities existing extracts declare;
    `tagger=False` takes no name from the learned tagger and `scored_pairs=False` makes no stub
    from the learned pair score (the rule tests, the benchmarks' comparisons)."""
    sents = sentences(text)
    found_known = _known_in(text, known)
    found = candidates(sents)
    if tagger:
        found += _tagged(text, found, [f for e in found_known for f in known[e.id].forms])
    entities = found_known + _new_candidates(found, known)
    forms: dict[str, str] = {}
    for ent in entities:
        for form in [ent.name, *ent.aliases, *([ent.name_zh] if ent.name_zh else [])]:
            forms.setdefault(form, ent.id)
        if ent.known:
            for form in known[ent.id].forms:
                forms.setdefault(form, ent.id)
    for ent in entities:  # after every full name: "Weitz", "Sun" for the people named so,
        # "Silex" for "Silex Microsystems"
        for form in (*ent.short_forms, *_org_short_form(ent.name)):
            forms.setdefault(form, ent.id)
    within: list[tuple[Mention, Mention]] = []
    mentions = find_mentions(text, forms, within)
    # "coastal trade hub" names one of the "coastal trade hubs" inside a name ("the
    # Testville coastal trade hub"); on its own it is some hub, not the kind
    singular = {f.casefold() for e in entities if not e.known for f in kind_forms([e.name,
                                                                                 *e.aliases])}
    mentions = [m for m in mentions if m.surface.casefold() not in singular]
    # one of a kind named by its place ("the hub in Testville") is part of the kind
    kind_of = {e.id: k.id for e in entities for k in entities if e.kind and k.name == e.kind}
    within += [(m, Mention(m.start, m.start + len(m.surface.split()[0]), kind_of[m.key],
                           m.surface.split()[0]))
               for m in mentions if m.key in kind_of and not m.surface[:1].isupper()]
    for e in entities:  # "trade offices in A and B": the office at A is named at A
        for a, b, wa, wb in e.spans:
            at = Mention(a, b, e.id, text[a:b])
            mentions.append(at)
            if e.id in kind_of:
                within.append((at, Mention(wa, wb, kind_of[e.id], text[wa:wb])))
    mentions.sort(key=lambda m: m.start)
    # a candidate only ever seen inside a longer name ("Robotics" in "Delta Robotics Inc.")
    # is not one
    # (one named inside a quoted title is: "… Plan of the Omega Centre")
    kinds = {e.id: e.type for e in entities}
    # (and so is a name after "in" or "of" inside a name: "the consulate general in Testville",
    # "the research center of Delta Robotics")
    mentioned = {m.key for m in mentions} | {
        inner.key for outer, inner in within
        if kinds.get(outer.key) in ("Document", "Programme", "Event") and " " in inner.surface
        and inner.start > outer.start and not outer.surface[:1].islower()
        or text[outer.start:inner.start].endswith((" in ", " of "))}
    entities = [e for e in entities if e.known or e.inner or e.id in mentioned]
    types = {e.id: e.type for e in entities}
    heads = {e.id: head for e in entities if (head := _head(e.name))}
    # the places the text names, by every name of theirs (for "the Chinese vendor X")
    places = {f: k for f, k in forms.items() if types.get(k) == "Place"}
    drafted = stubs(sents, mentions, types, max_pair_gap, heads, within, text, places)
    if scored_pairs:
        drafted += scored_stubs(sents, entity_forms(entities, known), types, drafted)
    meta = {**guess_metadata(text), **{k: v for k, v in article.items() if v}}
    dates = list(dict.fromkeys(d for _, d in dates_in(text)))
    return Draft(meta, dates, entities, drafted)


def _head(name: str) -> str | None:
    """The word "the …" names the entity by: its organisation word ("the university" for
    "Beta University"), or the last word of a lower-case name ("these hubs" for "coastal
    trade hubs")."""
    typed = suggested_type(name)
    if typed:
        return typed[1].lower()
    words = name.split()
    return words[-1] if len(words) > 1 and re.fullmatch(r"[a-z]{3,}", words[-1]) else None


def _known_in(text: str, known: dict[str, KnownEntity]) -> list[DraftEntity]:
    out = []
    for ent in sorted(known.values(), key=lambda k: k.id):
        hits = [m[0] for form in ent.forms if len(form) >= 2
                for m in [form_pattern(form).search(text)] if m]
        if not hits:
            continue
        # a Chinese name is repeated only as this article prints it
        zh = ent.name_zh if ent.name_zh and ent.name_zh in text else None
        out.append(DraftEntity(
            ent.id, ent.type, ent.name, known=True, name_zh=zh, country=ent.country,
            comment=f"known: found as {', '.join(_quoted(h) for h in dict.fromkeys(hits))}; "
                    f"declared in {', '.join(ent.articles)}"))
    return out


def _tagged(text: str, found: list[Candidate], known_forms: list[str]) -> list[Candidate]:
    """The learned tagger's names that no rule and no known entity has an opinion on."""
    out = []
    for t in new_names(text, [f for c in found for f in c.forms()] + known_forms):
        typed = suggested_type(t.name)
        why = f"type from {typed[1]!r}" if typed else "no type word: check the type"
        out.append(Candidate(t.name, typed[0] if typed else drafting().default_entity_type,
                             f"the name tagger, {t.confidence:.2f} sure; {why}"))
    return out


def entity_forms(entities: list[DraftEntity], known: dict[str, KnownEntity]
                 ) -> dict[str, list[str]]:
    """Each drafted entity's names as the text may print them (a known one's every form)."""
    return {e.id: [e.name, *e.aliases, *(known[e.id].forms if e.known else ())]
            for e in entities}


def _new_candidates(found: list[Candidate], known: dict[str, KnownEntity]
                    ) -> list[DraftEntity]:
    known_forms = {f.casefold(): k.id for k in known.values() for f in k.forms}
    taken = set(known)
    out = []
    merged: dict[str, Candidate] = {}  # "Nortel Networks" and "Nortel Network's": one
    bases = {b for c in found if (b := company_base(c.name))}
    shorts = {f for c in found for f in _org_short_form(c.name) if f != c.name}
    # a single word found alone that another name's short form covers ("Testville" for
    # "Testville county") is that one
    found = [c for c in found if c.name not in shorts - bases]
    for cand in sorted(found, key=lambda c: c.name in bases):  # "Huawei" after its full name
        base = company_base(cand.name) or (cand.name if cand.name in bases else None)
        if base is not None and known_forms.get(base.casefold()):
            continue  # "Huawei Technologies Co." when "Huawei" is known
        if base is not None and base in merged:
            merged[base].aliases += [f for f in cand.forms() if f not in merged[base].forms()]
            continue
        if base is not None:
            merged[base] = cand
        if any(f.casefold() in known_forms for f in cand.forms()):
            continue
        base = slug(cand.name) or "entity"
        new_id = base
        for n in itertools.count(2):
            if new_id not in taken:
                break
            new_id = f"{base}-{n}"
        taken.add(new_id)
        hint = _closest(cand, known)
        out.append(DraftEntity(new_id, cand.type, cand.name, known=False, inner=cand.inner,
                               short_forms=_short_forms(cand) + tuple(kind_forms(cand.forms())),
                               kind=cand.kind, spans=cand.spans,
                               aliases=cand.aliases, name_zh=cand.name_zh,
                               note=f"same as {hint}?" if hint else None,
                               comment=f"new: {cand.why}"))
    return out


def _short_forms(cand: Candidate) -> tuple[str, ...]:
    words = cand.name.split()
    if cand.type != "Person" or len(words) < 2:
        return ()
    if cand.why.startswith("its first word"):  # "Ai" for Ai Weiwei: the text uses it alone
        return (words[0],)
    return tuple(w for w in (words[-1], words[0]) if len(w) >= 3 and w[0].isupper())


def company_base(name: str) -> str | None:
    """A company's name without its legal and trade suffixes ("Huawei" for "Huawei
    Technologies Co., Ltd.", "Nortel" for "Nortel Networks"), if one distinctive word or two
    remain."""
    d = drafting()
    words = name.replace(",", " ").split()
    cut = False
    while len(words) > 1 and words[-1] in d.legal_suffixes:
        words, cut = words[:-1], True
    if cut and len(words) > 1 and words[-1] in d.place_names:
        words = words[:-1]  # "T-mobile USA Inc.": the company is "T-mobile"
    base = " ".join(words)
    if (cut and 1 <= len(words) <= 2 and len(base) >= 3 and words[0][:1].isupper()
            and base not in d.place_names and words[0] not in d.leading_words
            and words[0] not in d.group_words and words[-1] not in d.organisation_words):
        return base
    return None


def _org_short_form(name: str) -> tuple[str, ...]:
    """"Silex" for "Silex Microsystems", "Brunel" for "Brunel University": a two-word name
    of a distinctive word and an organisation word is also named by its first word; so is a
    place named with its place word ("Testville" for "Testville county"), and a company by
    its name without legal suffixes ("Huawei" for "Huawei Technologies Co., Ltd.")."""
    d = drafting()
    if (base := company_base(name)) is not None:
        return (base,)
    words = name.split()
    if (len(words) == 2 and words[1] in d.organisation_words and len(words[0]) >= 3
            and re.fullmatch(r"[A-Z][a-z]+", words[0]) and words[0] not in d.place_names
            and words[0] not in d.organisation_words and words[0] not in d.leading_words
            and words[0] not in d.connectors):
        return (words[0],)
    if (len(words) == 2 and d.organisation_words.get(words[1].capitalize()) == "Place"
            and re.fullmatch(r"[A-Z][a-z]{2,}", words[0])):  # "Testville" for "Testville county"
        return (words[0],)
    return ()


def _closest(cand: Candidate, known: dict[str, KnownEntity]) -> str | None:
    """The existing entity whose name or alias is closest to the candidate's, if close."""
    best, best_id = 0.0, None
    for k in known.values():
        for form in k.forms:
            if len(form) >= 4:
                score = ratio(cand.name.casefold(), form.casefold())
                if score > best:
                    best, best_id = score, k.id
    return best_id if best >= FUZZY_HINT else None


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)
