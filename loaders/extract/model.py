"""The extract format as strict models: unknown keys, wrong types and unknown vocabulary
terms are rejected with the path of the offending value (turned into line:column later)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from techkg.loaders.extract.evidence import quote_problem
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
EVIDENCE_SEPARATOR = " ¶ "  # between a characterization's quotes, as the graph stores them


_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # ASCII digits only


def _partial_date(value: str) -> str:
    if any(ch.isdigit() and not ch.isascii() for ch in value):
        raise ValueError(f"{value!r} has digits other than 0-9; write dates in ASCII digits "
                         "(2018, 2018-11 or 2018-11-19)")
    if not _DATE.fullmatch(value):
        raise ValueError("expected a partial ISO date (2018, 2018-11 or 2018-11-19), "
                         f"got {value!r}")
    try:
        period(value)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a calendar date ({exc})") from None
    return value


def period(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date stands for ("2020" is the whole year)."""
    m = _DATE.fullmatch(value)
    if not m:
        raise ValueError(f"not a partial date: {value!r}")
    year = int(m[1])
    if m[3]:
        day = dt.date(year, int(m[2]), int(m[3]))
        return day, day
    if m[2]:
        month = int(m[2])
        first = dt.date(year, month, 1)
        return first, dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


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
    problem = quote_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _one_line(value: str) -> str:
    """One line of visible text: no line or paragraph break, tab, byte-order mark, zero-width
    or bidi formatting character (they would make one name display as another, or hide a
    duplicate from the duplicate check)."""
    if "\n" in value or "\t" in value:
        raise ValueError("expected one line of text (no line breaks or tabs)")
    for ch in value:
        if ch == "\r" or unicodedata.category(ch) in ("Cf", "Zl", "Zp", "Cc"):
            what = unicodedata.name(ch, "carriage return" if ch == "\r" else "control")
            what = what.lower()
            raise ValueError(f"invisible character U+{ord(ch):04X} ({what}) is not allowed "
                             "in one-line text")
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
    sha256: Sha256  # of the article text file; an edited text is an error


def _as_list(value: object) -> object:
    """One quote may be written as a string; several as a list."""
    return [value] if isinstance(value, str) else value


Quotes = Annotated[list[Quote], BeforeValidator(_as_list),
                   Field(min_length=1, max_length=MAX_SMALL_LIST)]


class Characterization(_Strict):
    label: Name
    status: StatusName = "reported"
    evidence: Quotes  # one quote, or a list of verbatim quotes that together support it

    @property
    def evidence_text(self) -> str:
        """The quotes as one string for the graph (one per label). A pilcrow separates them,
        so that no reader takes two passages for one (not "…", which marks an omission, nor
        "|", which the CSV export uses to join arrays)."""
        return EVIDENCE_SEPARATOR.join(self.evidence)


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

    @model_validator(mode="after")
    def _inferred_needs_note(self) -> EntityDecl:
        if self.inferred and not self.note:
            raise ValueError("inferred: true needs a note saying what was inferred and from "
                             "what")
        return self


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

    @model_validator(mode="after")
    def _inferred_needs_note(self) -> Fact:
        if self.inferred and not self.note:
            raise ValueError("inferred: true needs a note saying what was inferred and from "
                             "what")
        return self


class Extract(_Strict):
    article: ArticleMeta
    entities: Annotated[list[EntityDecl], Field(min_length=1, max_length=MAX_ITEMS)]
    relationships: Annotated[list[Fact], Field(max_length=MAX_ITEMS)]
