"""The extract format as strict models: unknown keys, wrong types and unknown vocabulary
terms are rejected with the path of the offending value (turned into line:column later)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from techkg.vocabulary import vocabulary

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# Field limits keep every value that validates small enough to send (and to read): names and
# other one-line fields, free text, quotes, and the number of items per list.
MAX_QUOTE = 400
MAX_NAME = 300
MAX_TEXT = 2_000  # description, note
MAX_SLUG = 120
MAX_ITEMS = 5_000  # entities or relationships in one extract
MAX_SMALL_LIST = 50  # aliases, characterizations, evidence quotes of one item


def _partial_date(value: str) -> str:
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not m:
        raise ValueError("expected a partial ISO date (2018, 2018-11 or 2018-11-19), "
                         f"got {value!r}")
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    try:
        dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a calendar date ({exc})") from None
    return value


def _member_of(kind: str, attribute: str):  # type: ignore[no-untyped-def]
    """A validator accepting only names from one part of the vocabulary."""
    def check(value: str) -> str:
        names = getattr(vocabulary(), attribute)
        if value not in names:
            raise ValueError(f"unknown {kind} {value!r}; expected one of: {', '.join(names)}")
        return value
    return check


_entity_type = _member_of("entity type", "entity_types")
_rel_type = _member_of("relationship type", "relationship_types")
_status = _member_of("status", "statuses")


def _quote(value: str) -> str:
    if not value.strip():
        raise ValueError("evidence quote is empty")
    if len(value) > MAX_QUOTE:
        raise ValueError(f"evidence quote is {len(value)} characters; keep it to a sentence "
                         f"or less (at most {MAX_QUOTE})")
    if not any(ch.isalnum() for ch in value):
        raise ValueError("evidence quote has no words (only ellipses or punctuation); quote "
                         "the article's text")
    return value


def _one_line(value: str) -> str:
    if "\n" in value or "\t" in value:
        raise ValueError("expected one line of text (no line breaks or tabs)")
    return value


def _article_file(value: str) -> str:
    """A plain relative name inside the articles folder: no absolute path, no '..'."""
    parts = value.replace("\\", "/").split("/")
    if value.startswith(("/", "~", "\\")) or re.match(r"^[A-Za-z]:", value) \
            or ".." in parts or "" in parts or "." in parts:
        raise ValueError(f"{value!r} must be a file name inside the articles folder "
                         "(no absolute path, no '..')")
    return value


def _bad(message: str) -> str:
    raise ValueError(message)


def _flag(value: object) -> object:
    """YAML scalars arrive as strings: accept true/false (and real booleans)."""
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


Name = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME,
                                        strip_whitespace=True), AfterValidator(_one_line)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT,
                                        strip_whitespace=True)]
ArticleFile = Annotated[Name, AfterValidator(_article_file)]
Flag = Annotated[bool, BeforeValidator(_flag)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
# `review: todo` marks a drafted item nobody has checked yet; a reviewer deletes the line
# (or writes `review: done`). Validation reports todo items and load refuses them.
Review = Annotated[str, AfterValidator(
    lambda v: v if v in ("todo", "done") else _bad(f"review must be todo or done, got {v!r}"))]

Slug = Annotated[str, StringConstraints(max_length=MAX_SLUG, pattern=SLUG)]
PartialDate = Annotated[str, AfterValidator(_partial_date)]
DateOrUnknown = Annotated[str, AfterValidator(lambda v: v if v == "unknown" else _partial_date(v))]
Quote = Annotated[str, AfterValidator(_quote)]
Country = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
StatusName = Annotated[str, AfterValidator(_status)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ArticleMeta(_Strict):
    id: Name
    title: Name
    publisher: Name
    author: Name
    date: DateOrUnknown
    file: ArticleFile
    url: Name | None = None
    sha256: Sha256 | None = None  # of the article text file; an edited text is an error


class Characterization(_Strict):
    label: Name
    status: StatusName = "reported"
    evidence: Quote


class EntityDecl(_Strict):
    id: Slug
    type: Annotated[str, AfterValidator(_entity_type)]
    name: Name
    aliases: Annotated[list[Name], Field(max_length=MAX_SMALL_LIST)] = Field(default_factory=list)
    name_zh: Name | None = None
    country: Country | None = None
    description: Text | None = None
    characterizations: Annotated[list[Characterization], Field(max_length=MAX_SMALL_LIST)] = \
        Field(default_factory=list)
    inferred: Flag = False  # the article does not name it as such; `note` says why
    note: Text | None = None
    review: Review | None = None


class Fact(_Strict):
    subject: Slug
    type: Annotated[str, AfterValidator(_rel_type)]
    object: Slug
    status: StatusName = "reported"
    date: PartialDate | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    role: Name | None = None
    amount: Name | None = None  # a quantity the article states ("10 million yuan", "14 of 30")
    inferred: Flag = False  # not stated by the article but inferred; `note` says why
    note: Text | None = None
    review: Review | None = None
    evidence: Annotated[list[Quote], Field(min_length=1, max_length=MAX_SMALL_LIST)]


class Extract(_Strict):
    article: ArticleMeta
    entities: Annotated[list[EntityDecl], Field(min_length=1, max_length=MAX_ITEMS)]
    relationships: Annotated[list[Fact], Field(max_length=MAX_ITEMS)]
