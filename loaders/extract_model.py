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
MAX_QUOTE = 400


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
    return value


def _bad(message: str) -> str:
    raise ValueError(message)


def _flag(value: object) -> object:
    """YAML scalars arrive as strings: accept true/false (and real booleans)."""
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Flag = Annotated[bool, BeforeValidator(_flag)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
# `review: todo` marks a drafted item nobody has checked yet; a reviewer deletes the line
# (or writes `review: done`). Validation reports todo items and load refuses them.
Review = Annotated[str, AfterValidator(
    lambda v: v if v in ("todo", "done") else _bad(f"review must be todo or done, got {v!r}"))]

Slug = Annotated[str, StringConstraints(pattern=SLUG)]
PartialDate = Annotated[str, AfterValidator(_partial_date)]
DateOrUnknown = Annotated[str, AfterValidator(lambda v: v if v == "unknown" else _partial_date(v))]
Quote = Annotated[str, AfterValidator(_quote)]
Country = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
StatusName = Annotated[str, AfterValidator(_status)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ArticleMeta(_Strict):
    id: Text
    title: Text
    publisher: Text
    author: Text
    date: DateOrUnknown
    file: Text
    url: Text | None = None
    sha256: Sha256 | None = None  # of the article text file; an edited text is an error


class Characterization(_Strict):
    label: Text
    status: StatusName = "reported"
    evidence: Quote


class EntityDecl(_Strict):
    id: Slug
    type: Annotated[str, AfterValidator(_entity_type)]
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    name_zh: Text | None = None
    country: Country | None = None
    description: Text | None = None
    characterizations: list[Characterization] = Field(default_factory=list)
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
    role: Text | None = None
    amount: Text | None = None  # a quantity the article states ("10 million yuan", "14 of 30")
    inferred: Flag = False  # not stated by the article but inferred; `note` says why
    note: Text | None = None
    review: Review | None = None
    evidence: Annotated[list[Quote], Field(min_length=1)]


class Extract(_Strict):
    article: ArticleMeta
    entities: Annotated[list[EntityDecl], Field(min_length=1)]
    relationships: list[Fact]
