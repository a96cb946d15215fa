"""The CLI's side of errors: which exit code each kind of error gets, and the command hint.

The library's messages say what went wrong; only here do they learn about commands and
options (`techkg search`, `--write`), because only here is it known which command ran.
"""

from __future__ import annotations

from techkg.errors import (
    EngineUnresponsive,
    NotFound,
    ReadOnlyViolation,
    TechKGError,
    UsageError,
)
from techkg.loaders.yaml_source import printable

USAGE = 2  # like click: the command line was wrong
FAILURE = 1


def exit_code(exc: TechKGError) -> int:
    return USAGE if isinstance(exc, UsageError) else FAILURE


def message(exc: TechKGError, command: str | None) -> str:
    """The one line printed for `exc`, with the hint that fits `command`; control characters
    (from a file name, say) are escaped, so the line is one line and moves no cursor."""
    text = printable(str(exc))
    if isinstance(exc, NotFound) and exc.text:
        return f"{text} (try `techkg search {exc.text}`)"
    if isinstance(exc, EngineUnresponsive):
        return f"{text}: run `techkg engine restart`"
    if isinstance(exc, ReadOnlyViolation) and command == "cypher":
        return f"{text}; add --write"
    return text
