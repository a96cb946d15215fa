"""The saved-query catalogue: `.cypher` files with a header the CLI parses.

Header lines (before the query) look like:

    // name: bases-us-universities
    // description: Which offshore bases link to which US universities, with evidence.
    // param: country string = us : ISO code of the foreign side's country
    // param: entity string : Entity name, alias or id (required: no default)
    // param: max_hops int = 4 [1..6] : Longest path considered
    // computed: paths : Filled in by the service (not a user parameter)
    // row-limit: limit

`row-limit` names the int parameter that caps the rows of a listing (its LIMIT): the service
asks for one row more, so a listing cut at its limit says so (`Rows.cut_at`).

Types: string, int, float, bool, date (partial ISO), list (comma-separated strings), entity
(a name, alias, Chinese name or id, resolved to one entity id before the query runs),
entity_type and relationship_type (a name from the vocabulary) and statuses (comma-separated
claim statuses checked against the vocabulary; `all` for every status; the default `counted`
means all but the ones the vocabulary leaves out, i.e. denied and disputed). An int may
declare its range `[lo..hi]`; values outside are usage errors, as is any int outside the
64 bits a Bolt server stores. A value is typed by its header only: `-p name=2017` stays the
string "2017" for a string parameter.

`// internal: WHY` marks a helper a command runs (not listed among the questions);
`// needs: fulltext` a query only a backend with full-text indexes can run.

Relationship types never appear as lists in the query text: a pattern names a kind from the
vocabulary, `[r:COOPERATION_TIES]`, or every entity-to-entity type, `[:ENTITY_TIES*..6]`,
and `SavedQuery.cypher` expands it to back-ticked vocabulary types. Lines between
`// each type of <KIND>_TIES:` and `// end each` are repeated once per type of the kind and
joined with UNION ALL, `:EACH_TYPE` becoming the back-ticked type and `'EACH_TYPE'` its name:
a branch guarded by `WITH … WHERE 'EACH_TYPE' IN wanted` expands only the wanted types of a
hub's edges (the local engine expands one type fast, and filters many by type(r) slowly).
Vocabulary data a query needs as values arrives as parameters the caller never types:
`$status_ranks` (status -> rank), `$counted_statuses` (what `counted` means),
`$<kind>_types` (e.g. `$membership_types`), `$united_front_labels`, `$united_front_types`.
"""

from __future__ import annotations

import calendar
import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from techkg.errors import TechKGError, UsageError
from techkg.suggest import nearest
from techkg.vocabulary import vocabulary

TYPES = ("string", "int", "float", "bool", "date", "list", "entity", "entity_type",
         "relationship_type", "statuses")
AD_HOC_TYPES = ("string", "int", "float", "bool", "date", "list", "json")  # `cypher -p k:T=v`
INT_RANGE = (-(2**63), 2**63 - 1)  # what Bolt carries as an integer
MAX_DEPTH = 100  # nesting a JSON parameter may have (deeper is refused, not a RecursionError)
CAPABILITIES = ("fulltext",)  # what a `// needs:` header may ask of a backend
_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)"
                    r"(?:\s*=\s*(?P<default>[^:\[]*?))?"
                    r"(?:\s*\[(?P<lo>-?\d+)\.\.(?P<hi>-?\d+)\])?"
                    r"\s*:\s*(?P<description>.+)$")
_DATE = re.compile(r"^(?P<y>\d{4})(-(?P<m>\d{2})(-(?P<d>\d{2}))?)?$")
_TIES = re.compile(r"(?<=[:|])(?P<kind>[A-Z]+)_TIES\b")
_EACH = re.compile(r"^(?P<indent>[ ]*)// each type of (?P<kind>[A-Z]+)_TIES:\n"
                   r"(?P<body>(?:(?!\s*// end each\n).*\n)+?)[ ]*// end each\n", re.M)
_INJECTED = ("status_ranks", "counted_statuses", "united_front_labels", "united_front_types")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any
    required: bool
    description: str
    low: int | None = None
    high: int | None = None

    def convert(self, raw: str) -> Any:
        """A command-line string as this parameter's type; UsageError if it does not fit."""
        try:
            if self.type == "int":
                return _int64(self.name, self.check(int(raw)))
            if self.type == "float":
                value = float(raw)
                if not math.isfinite(value):
                    raise ValueError(raw)
                return value
            if self.type == "bool":
                if raw.lower() not in ("true", "false", "yes", "no", "1", "0"):
                    raise ValueError(raw)
                return raw.lower() in ("true", "yes", "1")
            if self.type == "date":
                return _check_date(raw)
            if self.type == "list":
                return [p.strip() for p in raw.split(",") if p.strip()]
            if self.type == "statuses":
                return self._statuses(raw)
            if self.type in ("entity_type", "relationship_type"):
                return self._vocabulary_name(raw)
            if self.type == "json":
                return _json(self.name, raw)
            return raw
        except ValueError:
            raise UsageError(f"parameter {self.name!r} expects {_expected(self.type)}, "
                             f"got {_shown(raw)}") from None

    def check(self, value: Any) -> Any:
        """The value if it lies in the declared range; else a usage error naming the range."""
        if self.type == "int" and not isinstance(value, bool) and isinstance(value, int):
            if (self.low is not None and value < self.low) or \
                    (self.high is not None and value > self.high):
                raise UsageError(f"parameter {self.name!r} must be between {self.low} and "
                                 f"{self.high}, got {value}")
        return value

    def _statuses(self, raw: str) -> list[str]:
        v = vocabulary()
        names = [p.strip() for p in raw.split(",") if p.strip()]
        if names == ["all"]:
            return list(v.status_ranks())
        if names == ["counted"]:
            return v.counted_statuses()
        unknown = [n for n in names if n not in v.statuses]
        if unknown or not names:
            raise UsageError(f"parameter {self.name!r} expects statuses from "
                             f"{', '.join(v.statuses)} (comma-separated) or 'all', "
                             f"got {raw!r}",
                             nearest(unknown[0], v.statuses) if unknown else ())
        return names

    def _vocabulary_name(self, raw: str) -> str:
        """An entity or relationship type, refused with the nearest names if unknown."""
        v = vocabulary()
        names = v.entity_types if self.type == "entity_type" else v.relationship_types
        if raw not in names:
            kind = "an entity type" if self.type == "entity_type" else "a relationship type"
            raise UsageError(f"parameter {self.name!r} expects {kind} from the vocabulary, "
                             f"got {raw!r}", nearest(raw, names))
        return raw

    def default_text(self) -> str:
        """The default as the docs show it."""
        if isinstance(self.default, list):
            return ",".join(self.default)
        return str(self.default)


def _expected(type_: str) -> str:
    if type_ == "date":
        return "date (2018, 2018-11 or 2018-11-19)"
    return type_


def _shown(raw: str, most: int = 40) -> str:
    """A value as an error message quotes it: cut short (it may be 50,000 characters)."""
    return repr(raw) if len(raw) <= most else f"{raw[:most]!r}… ({len(raw):,} characters)"


def _int64(name: str, value: int) -> int:
    if not INT_RANGE[0] <= value <= INT_RANGE[1]:
        raise UsageError(f"parameter {name!r} holds an int outside the 64 bits a graph stores "
                         f"({INT_RANGE[0]} to {INT_RANGE[1]}): {_shown(str(value))}")
    return value


def _json(name: str, raw: str) -> Any:
    """A JSON value for ad-hoc Cypher: nesting and ints bounded, so a value a Bolt server
    cannot take is one sentence here, not a RecursionError or an OverflowError later."""
    try:
        value = json.loads(raw)
    except RecursionError:
        value = None
        deep = True
    else:
        deep = False
    stack = [(value, 1)]
    while stack and not deep:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            deep = True
        elif isinstance(item, list):
            stack += [(x, depth + 1) for x in item]
        elif isinstance(item, dict):
            stack += [(x, depth + 1) for x in item.values()]
        elif isinstance(item, int) and not isinstance(item, bool):
            _int64(name, item)
        elif isinstance(item, float) and not math.isfinite(item):
            raise ValueError(raw)
    if deep:
        raise UsageError(f"parameter {name!r} is nested more than {MAX_DEPTH} levels deep")
    return value


def _check_date(raw: str) -> str:
    """A partial ISO date (2018, 2018-11, 2018-11-19) that exists on the calendar."""
    m = _DATE.match(raw)
    if not m:
        raise ValueError(raw)
    if m["m"] and not 1 <= int(m["m"]) <= 12:
        raise ValueError(raw)
    if m["d"] and not 1 <= int(m["d"]) <= calendar.monthrange(int(m["y"]), int(m["m"]))[1]:
        raise ValueError(raw)
    return raw


@dataclass(frozen=True)
class SavedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    file: str
    computed: tuple[str, ...] = ()
    row_limit: str | None = None  # the int parameter that caps the rows (`// row-limit:`)
    internal: str | None = None  # why a command runs it (`// internal:`); not a question
    needs: tuple[str, ...] = ()  # backend capabilities it needs (`// needs: fulltext`)

    @property
    def cypher(self) -> str:
        """The text sent: relationship kinds expanded to back-ticked vocabulary types."""
        v = vocabulary()

        def names(kind: str) -> list[str]:
            kind = kind.lower()
            return list(v.relationship_types) if kind == "entity" else v.types_of_kind(kind)

        def each(m: re.Match[str]) -> str:
            branches = [m["body"].replace("'EACH_TYPE'", f"'{n}'")
                        .replace(":EACH_TYPE", f":{v.rel_type(n)}") for n in names(m["kind"])]
            return f"{m['indent']}UNION ALL\n".join(branches)

        text = _EACH.sub(each, self.text)
        return _TIES.sub(lambda m: "|".join(v.rel_type(n) for n in names(m["kind"])), text)

    def injected(self) -> dict[str, Any]:
        """Vocabulary values this query reads as parameters (never typed by a user)."""
        v = vocabulary()
        values = {"status_ranks": v.status_ranks(), "counted_statuses": v.counted_statuses(),
                  "united_front_labels": list(v.united_front_labels),
                  "united_front_types": list(v.united_front_types)}
        out = {k: values[k] for k in _INJECTED if f"${k}" in self.text}
        for kind in re.findall(r"\$([a-z]+)_types\b", self.text):
            if kind in v.relationship_kinds:
                out[f"{kind}_types"] = v.types_of_kind(kind)
        return out

    def parameter_names(self) -> list[str]:
        """Every $parameter the query text may use (for linting)."""
        return [p.name for p in self.params] + list(self.computed) + list(self.injected())

    def bind(self, given: dict[str, str], typed: dict[str, Any] | None = None) -> dict[str, Any]:
        """Typed parameter values: defaults, then the user's `-p key=value` strings, then
        values the caller has already typed."""
        typed = typed or {}
        known = {p.name: p for p in self.params}
        unknown = sorted((set(given) | set(typed)) - set(known))
        if unknown:
            valid = ", ".join(known) or "none"
            raise UsageError(f"unknown parameter {unknown[0]!r} for query {self.name!r}; "
                             f"valid parameters: {valid}", nearest(unknown[0], known))
        values: dict[str, Any] = {}
        for p in self.params:
            if p.name in typed:
                values[p.name] = p.check(typed[p.name])
            elif p.name in given:
                values[p.name] = p.convert(given[p.name])
            elif p.required:
                raise UsageError(f"query {self.name!r} needs parameter {p.name!r} "
                                 f"(-p {p.name}=...): {p.description}")
            else:
                values[p.name] = p.default
        return values


def parse(text: str, file: str) -> SavedQuery:
    """Parse one `.cypher` file's header; a malformed header is a TechKGError."""
    meta: dict[str, str] = {}
    params: list[Param] = []
    computed: list[str] = []
    for line in text.splitlines():
        if not line.startswith("//"):
            if line.strip():
                break
            continue
        body = line[2:].strip()
        key, _, value = body.partition(":")
        key, value = key.strip(), value.strip()
        if key == "param":
            m = _PARAM.match(value)
            if not m or m["type"] not in TYPES:
                raise TechKGError(f"{file}: bad param header {value!r}; expected "
                                  f"'NAME TYPE [= DEFAULT] : DESCRIPTION' with TYPE in {TYPES}")
            default_raw = m["default"]
            low = int(m["lo"]) if m["lo"] is not None else None
            high = int(m["hi"]) if m["hi"] is not None else None
            p = Param(m["name"], m["type"], None, default_raw is None, m["description"].strip(),
                      low, high)
            if default_raw is not None and default_raw.strip() not in ("", "null"):
                p = Param(p.name, p.type, p.convert(default_raw.strip()), False, p.description,
                          low, high)
            params.append(p)
        elif key == "computed":
            computed.append(value.partition(":")[0].strip())
        elif key in ("row-limit", "internal"):
            meta[key] = value
        elif key == "needs":
            needs = tuple(n.strip() for n in value.split(","))
            if not set(needs) <= set(CAPABILITIES):
                raise TechKGError(f"{file}: needs {value!r}; known capabilities: "
                                  f"{', '.join(CAPABILITIES)}")
            meta[key] = ",".join(needs)
        elif key in ("name", "description"):
            meta[key] = value
    for key in ("name", "description"):
        if key not in meta:
            raise TechKGError(f"{file}: header has no '// {key}:' line")
    row_limit = meta.get("row-limit")
    if row_limit is not None and not any(p.name == row_limit and p.type == "int"
                                         for p in params):
        raise TechKGError(f"{file}: row-limit {row_limit!r} is not an int parameter")
    needs = tuple(meta["needs"].split(",")) if "needs" in meta else ()
    return SavedQuery(meta["name"], meta["description"], tuple(params), text, file,
                      tuple(computed), row_limit, meta.get("internal"), needs)


@cache
def catalogue() -> dict[str, SavedQuery]:
    """All saved queries shipped in `techkg.cypher`, by name."""
    out: dict[str, SavedQuery] = {}
    for entry in sorted(resources.files("techkg.cypher").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".cypher"):
            q = parse(entry.read_text("utf-8"), entry.name)
            if q.name in out:
                raise TechKGError(f"{entry.name}: query name {q.name!r} is used twice")
            out[q.name] = q
    return out


def questions() -> dict[str, SavedQuery]:
    """The saved queries a user asks (not the helpers marked `// internal:`), by name."""
    return {n: q for n, q in catalogue().items() if q.internal is None}


def get(name: str) -> SavedQuery:
    queries = catalogue()
    if name not in queries:
        asked = questions()
        raise UsageError(f"unknown query {name!r}; valid queries: {', '.join(asked)}",
                         nearest(name, asked))
    return queries[name]


def statement(name: str) -> str:
    """The text of a saved query for a caller that sends it itself: inside its own
    transaction (the loader's reads) or beneath `run_saved` (the citations it adds)."""
    return get(name).cypher


def markdown() -> str:
    """Reference of every saved query, for docs/queries.md (a test keeps them in step):
    the questions, then the helpers commands run."""
    return _table(questions().values()) + "\nHelpers the commands run (not listed by " \
        "`techkg queries`):\n\n" + "".join(
            f"- `{q.name}`: {q.internal}\n" for q in catalogue().values() if q.internal)


def _table(saved: Any) -> str:
    lines = ["| query | what it answers | parameters |", "|---|---|---|"]
    for q in saved:
        params = "<br>".join(
            f"`{p.name}` ({p.type}{_range(p)}"
            f"{'' if p.required else f', default `{p.default_text()}`'}): "
            f"{p.description}" for p in q.params) or "none"
        lines.append(f"| `{q.name}` | {q.description} | {params} |")
    return "\n".join(lines) + "\n"


def _range(p: Param) -> str:
    return f" {p.low}..{p.high}" if p.low is not None or p.high is not None else ""
