"""The saved-query catalogue: `.cypher` files with a header the CLI parses.

Header lines (before the query) look like:

    // name: bases-us-universities
    // description: Which offshore bases link to which US universities, with evidence.
    // param: country string = us : ISO code of the foreign side's country
    // param: entity string : Entity name, alias or id (required: no default)

Types: string, int, float, bool, date (partial ISO), list (comma-separated strings), and
entity (a name, alias, Chinese name or id, resolved to one entity id before the query runs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from techkg.errors import TechKGError, UsageError

TYPES = ("string", "int", "float", "bool", "date", "list", "entity")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)(?:\s*=\s*(?P<default>[^:]*?))?"
                    r"\s*:\s*(?P<description>.+)$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any
    required: bool
    description: str

    def convert(self, raw: str) -> Any:
        """A command-line string as this parameter's type; UsageError if it does not fit."""
        try:
            if self.type == "int":
                return int(raw)
            if self.type == "float":
                return float(raw)
            if self.type == "bool":
                if raw.lower() not in ("true", "false", "yes", "no", "1", "0"):
                    raise ValueError(raw)
                return raw.lower() in ("true", "yes", "1")
            if self.type == "date":
                if not _DATE.match(raw):
                    raise ValueError(raw)
                return raw
            if self.type == "list":
                return [p.strip() for p in raw.split(",") if p.strip()]
            return raw
        except ValueError:
            raise UsageError(f"parameter {self.name!r} expects {self.type}"
                             f"{' (2018, 2018-11 or 2018-11-19)' if self.type == 'date' else ''}"
                             f", got {raw!r}") from None


@dataclass(frozen=True)
class SavedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    file: str

    def bind(self, given: dict[str, str], typed: dict[str, Any] | None = None) -> dict[str, Any]:
        """Typed parameter values: defaults, then the user's `-p key=value` strings, then
        values the caller has already typed."""
        typed = typed or {}
        known = {p.name: p for p in self.params}
        unknown = sorted((set(given) | set(typed)) - set(known))
        if unknown:
            valid = ", ".join(known) or "none"
            raise UsageError(f"unknown parameter {unknown[0]!r} for query {self.name!r}; "
                             f"valid parameters: {valid}")
        values: dict[str, Any] = {}
        for p in self.params:
            if p.name in typed:
                values[p.name] = typed[p.name]
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
            p = Param(m["name"], m["type"], None, default_raw is None, m["description"].strip())
            if default_raw is not None and default_raw.strip() not in ("", "null"):
                p = Param(p.name, p.type, p.convert(default_raw.strip()), False, p.description)
            params.append(p)
        elif key in ("name", "description"):
            meta[key] = value
    for key in ("name", "description"):
        if key not in meta:
            raise TechKGError(f"{file}: header has no '// {key}:' line")
    return SavedQuery(meta["name"], meta["description"], tuple(params), text, file)


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


def get(name: str) -> SavedQuery:
    queries = catalogue()
    if name not in queries:
        raise UsageError(f"unknown query {name!r}; valid queries: {', '.join(queries)}")
    return queries[name]


def markdown() -> str:
    """Reference of every saved query, for docs/queries.md (a test keeps them in step)."""
    lines = ["| query | what it answers | parameters |", "|---|---|---|"]
    for q in catalogue().values():
        params = "<br>".join(
            f"`{p.name}` ({p.type}{'' if p.required else f', default `{p.default}`'}): "
            f"{p.description}" for p in q.params) or "none"
        lines.append(f"| `{q.name}` | {q.description} | {params} |")
    return "\n".join(lines) + "\n"
