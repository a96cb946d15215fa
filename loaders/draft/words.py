"""The drafting word lists (loaders/draft/words.yaml), read once and checked against the
vocabulary: they only suggest, so they live with the drafting code, not in the graph's
vocabulary, but every type and status they name must be one the vocabulary defines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycountry
import yaml
from lemminflect import getAllInflections, getAllLemmas

from techkg.errors import TechKGError
from techkg.vocabulary import vocabulary

WORDS_FILE = "words.yaml"
# the field's lower-case terms, learned from the dev set (benchmarks/field_terms.py)
FIELD_TERMS_FILE = "field_terms.yaml"


@dataclass(frozen=True)
class Trigger:
    """Words that suggest a relationship type; `reverse` when the later-named entity acts."""

    rel_type: str
    words: tuple[str, ...]
    reverse: bool = False


@dataclass(frozen=True)
class Drafting:
    """The word lists `techkg draft` suggests types, facts and statuses from."""

    default_entity_type: str
    default_relationship: str
    name_within_relationship: str
    organisation_words: dict[str, str]
    name_phrases: dict[str, str]
    name_openers: dict[str, str]
    person_titles: tuple[str, ...]
    office_titles: tuple[str, ...]
    title_modifiers: frozenset[str]
    joint_work_cues: tuple[str, ...]
    technology_heads: tuple[str, ...]
    generic_modifiers: frozenset[str]
    place_adjective_endings: tuple[str, ...]
    state_ownership_words: tuple[str, ...]
    speech_verbs: frozenset[str]
    place_names: tuple[str, ...]
    technology_terms: tuple[str, ...]
    field_terms: dict[str, str]
    leading_words: frozenset[str]
    connectors: frozenset[str]
    title_small_words: frozenset[str]
    text_parts: frozenset[str]
    abbreviations: frozenset[str]
    triggers: tuple[Trigger, ...]
    object_type_defaults: dict[str, str]
    status_cues: dict[str, tuple[str, ...]]
    attribution_cues: tuple[str, ...]
    modals: frozenset[str]
    ongoing_verbs: tuple[str, ...]
    bill_prefixes: tuple[str, ...]
    single_word_bodies: dict[str, str]
    topic_words: frozenset[str]
    legal_suffixes: frozenset[str]
    group_words: frozenset[str]
    not_names: frozenset[str]
    possessive_names: frozenset[str]
    body_nouns: tuple[str, ...]
    unit_words: tuple[str, ...]
    demonyms: dict[str, str]
    product_nouns: tuple[str, ...]
    name_tails: tuple[str, ...]
    agent_nouns: tuple[str, ...]
    victim_nouns: tuple[str, ...]
    victim_words: frozenset[str]


def _countries() -> list[str]:
    """Country names from the ISO 3166 list (pycountry keeps it current): the short names,
    and the common ones ("Taiwan"), without the inverted forms ("Korea, Republic of")."""
    names: list[str] = []
    for c in pycountry.countries:
        names += [n for n in (getattr(c, "common_name", None), c.name)
                  if n and not re.search(r"[,(]", n)]
    return names


def _us_states() -> list[str]:
    """The US states and territories of ISO 3166-2 (pycountry): the texts of this field are
    often US government texts, which name states alone ("a plant in Ohio"). pycountry gives
    them as a set: sorted, so that a draft lists them in the same order in every run."""
    return sorted(s.name for s in pycountry.subdivisions.get(country_code="US"))


# the verb forms a one-word trigger also stands for: past, participles, third person
# ("sign" and "signs" listed; "signed", "signing" found as well)
VERB_FORMS = ("VBD", "VBN", "VBG", "VBZ")
# only a word listed in one of these forms is surely a verb: its other forms stand for it
PAST_OR_ING = ("VBD", "VBN", "VBG")


def with_verb_forms(triggers: tuple[Trigger, ...]) -> tuple[Trigger, ...]:
    """Each trigger with the other forms of the verbs it lists in a past or -ing form, from
    lemminflect's English lexicon (a base form may be a noun: "report", "engineer"). The
    lists name a form or two of each verb, and which ones was an accident of the texts they
    were read from; a form any list names already keeps its own trigger."""
    listed = {w.lower() for t in triggers for w in t.words}
    out = []
    for t in triggers:
        extra: list[str] = []
        for word in t.words:
            if not (word.isalpha() and word.islower()):
                continue
            for lemma in getAllLemmas(word, upos="VERB").get("VERB", ()):
                forms = getAllInflections(lemma, upos="VERB")
                if not any(word in forms.get(tag, ()) for tag in PAST_OR_ING):
                    continue  # "report", "engineer": a noun as well; "reported" is no ISSUES
                for form in (f for tag in VERB_FORMS for f in forms.get(tag, ())):
                    if form.lower() not in listed:
                        listed.add(form.lower())
                        extra.append(form)
        out.append(Trigger(t.rel_type, t.words + tuple(extra), t.reverse))
    return tuple(out)


def _package_yaml(name: str) -> dict:
    """One of this package's YAML files, read with libyaml where it is there."""
    text = resources.files(__package__).joinpath(name).read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@cache
def drafting() -> Drafting:
    """The drafting word lists, their types and statuses checked against the vocabulary."""
    v = vocabulary()
    raw = _package_yaml(WORDS_FILE)
    where = f"drafting words ({WORDS_FILE})"

    def entity_type(name: str) -> str:
        if name not in v.entity_types:
            raise TechKGError(f"{where}: unknown entity type {name!r}")
        return name

    def rel_type(name: str) -> str:
        if name not in v.relationship_types:
            raise TechKGError(f"{where}: unknown relationship type {name!r}")
        return name

    def words(key: str) -> tuple[str, ...]:
        for w in raw[key]:
            if not isinstance(w, str):  # YAML reads On, No, Yes as booleans: quote them
                raise TechKGError(f"{where}: {key}: {w!r} is not a string")
        return tuple(raw[key])

    for status in raw["status_cues"]:
        if status not in v.statuses:
            raise TechKGError(f"{where}: unknown status {status!r}")
    for modal in raw["modals"]:
        if modal not in raw["status_cues"].get("planned", ()):
            raise TechKGError(f"{where}: modals: {modal!r} is not a `planned` status cue")
    return Drafting(
        default_entity_type=entity_type(raw["default_entity_type"]),
        default_relationship=rel_type(raw["default_relationship"]),
        name_within_relationship=rel_type(raw["name_within_relationship"]),
        organisation_words={str(k): entity_type(t) for k, t in raw["organisation_words"].items()},
        name_phrases={str(k): entity_type(t) for k, t in raw["name_phrases"].items()},
        name_openers={str(k): entity_type(t) for k, t in raw["name_openers"].items()},
        person_titles=words("person_titles"),
        office_titles=tuple(sorted(words("office_titles"), key=len, reverse=True)),
        title_modifiers=frozenset(words("title_modifiers")),
        joint_work_cues=words("joint_work_cues"),
        technology_heads=words("technology_heads"),
        generic_modifiers=frozenset(words("generic_modifiers")),
        place_adjective_endings=words("place_adjective_endings"),
        state_ownership_words=words("state_ownership_words"),
        speech_verbs=frozenset(words("speech_verbs")),
        place_names=tuple(dict.fromkeys([*words("place_names"), *_countries(), *_us_states()])),
        technology_terms=words("technology_terms"),
        field_terms={str(k): entity_type(t)
                     for k, t in _package_yaml(FIELD_TERMS_FILE)["field_terms"].items()},
        leading_words=frozenset(words("leading_words")),
        connectors=frozenset(words("connectors")),
        title_small_words=frozenset(words("title_small_words")),
        text_parts=frozenset(words("text_parts")),
        abbreviations=frozenset(words("abbreviations")),
        triggers=with_verb_forms(tuple(
            Trigger(rel_type(t["type"]), tuple(str(w) for w in t["words"]),
                    bool(t.get("reverse", False))) for t in raw["triggers"])),
        object_type_defaults={entity_type(k): rel_type(r)
                              for k, r in raw["object_type_defaults"].items()},
        status_cues={s: tuple(str(w) for w in cues) for s, cues in raw["status_cues"].items()},
        attribution_cues=words("attribution_cues"),
        modals=frozenset(words("modals")),
        ongoing_verbs=words("ongoing_verbs"),
        bill_prefixes=words("bill_prefixes"),
        single_word_bodies={str(k): entity_type(e) for k, e in raw["single_word_bodies"].items()},
        topic_words=frozenset(words("topic_words")),
        legal_suffixes=frozenset(words("legal_suffixes")),
        group_words=frozenset(words("group_words")),
        not_names=frozenset(words("not_names")),
        possessive_names=frozenset(words("possessive_names")),
        body_nouns=words("body_nouns"),
        unit_words=words("unit_words"),
        demonyms={str(k): str(v) for k, v in raw["demonyms"].items()},
        product_nouns=words("product_nouns"),
        name_tails=words("name_tails"),
        agent_nouns=words("agent_nouns"),
        victim_nouns=words("victim_nouns"),
        victim_words=frozenset(words("victim_words")),
    )
