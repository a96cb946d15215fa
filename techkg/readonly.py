"""A friendly first check that a statement only reads, before anything is sent.

The server is the real guard (the local engine's read-only account, Neo4j's READ access
mode); this check only gives an early, precise refusal. It works on tokens, so words inside
strings, comments, backticked names, map keys, property names and aliases are not clauses,
and any procedure call not on a short list of read-only procedures is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from techkg.errors import ReadOnlyViolation

# clauses that write or administer; a few more only when followed by the word named here
_WRITE_WORDS = {"CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "FOREACH",
                "INSERT", "LOAD", "GRANT", "DENY", "REVOKE", "ALTER", "RENAME", "TERMINATE"}
_WRITE_BEFORE = {"START": {"DATABASE"}, "STOP": {"DATABASE"}, "ENABLE": {"SERVER"},
                 "DEALLOCATE": {"DATABASE", "DATABASES"}, "REALLOCATE": {"DATABASE",
                                                                        "DATABASES"}}
READ_PROCEDURES = frozenset(name.lower() for name in (
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.index.fulltext.queryNodes",
    "db.index.fulltext.queryRelationships", "db.awaitIndexes", "db.awaitIndex",
    "db.schema.visualization", "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
    "db.info", "db.ping", "dbms.components"))

# anything a line break may be: a `//` comment ends at the first of these
_LINE_END = "\n\r\u2028\u2029\x85\x0b\x0c"
_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>//[^LINE_END]*|/\*.*?(?:\*/|\Z))
  | (?P<string>'(?:\\.|[^'\\])*(?:'|\Z)|"(?:\\.|[^"\\])*(?:"|\Z))
  | (?P<quoted>`(?:``|[^`])*(?:`|\Z))
  | (?P<param>\$(?:\w+|`(?:``|[^`])*`?))
  | (?P<word>[^\W\d]\w*)
  | (?P<number>\d[\w.]*)
  | (?P<punct>.)
""".replace("LINE_END", _LINE_END), re.VERBOSE | re.DOTALL)


@dataclass(frozen=True)
class Token:
    kind: str  # word, quoted, param, string, number, punct
    text: str  # a quoted name without its backticks

    def is_word(self, *words: str) -> bool:
        return self.kind == "word" and self.text.upper() in words


def tokens(query: str) -> list[Token]:
    """The statement's tokens, comments and whitespace dropped."""
    out = []
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or "punct"
        if kind in ("ws", "comment"):
            continue
        text = match.group()
        if kind == "quoted":
            text = text[1:-1].replace("``", "`") if text.endswith("`") else text[1:]
        out.append(Token(kind, text))
    return out


def write_reason(query: str) -> str | None:
    """Why `query` may write (a clause, or a procedure not known to be read-only), or None."""
    toks = tokens(query)
    for i, tok in enumerate(toks):
        if tok.kind != "word":
            continue
        before = toks[i - 1] if i else None
        after = toks[i + 1] if i + 1 < len(toks) else None
        if before is not None and (before.text in (".", ":", "$") and before.kind == "punct"
                                   or before.is_word("AS")):
            continue  # a property, label, relationship type or alias
        if after is not None and after.kind == "punct" and after.text == ":":
            continue  # a map key
        word = tok.text.upper()
        if word in _WRITE_WORDS:
            return f"{'an' if word[0] in 'AEIOU' else 'a'} {word} clause"
        if word in _WRITE_BEFORE and after is not None and after.is_word(*_WRITE_BEFORE[word]):
            return f"a {word} {after.text.upper()} command"
        if word == "CALL" and after is not None and after.kind in ("word", "quoted"):
            name = _procedure_name(toks, i + 1)
            if name.lower() not in READ_PROCEDURES:
                return f"a call of procedure {name}, which is not known to be read-only"
    return None


def _procedure_name(toks: list[Token], start: int) -> str:
    parts = [toks[start].text]
    j = start + 1
    while j + 1 < len(toks) and toks[j].text == "." and toks[j].kind == "punct" \
            and toks[j + 1].kind in ("word", "quoted"):
        parts.append(toks[j + 1].text)
        j += 2
    return ".".join(parts)


def ensure_read_only(query: str) -> None:
    """Raise ReadOnlyViolation if `query` may write."""
    reason = write_reason(query)
    if reason:
        raise ReadOnlyViolation(f"read-only: this statement writes ({reason})")
