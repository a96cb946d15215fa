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
from techkg.loaders.extract import printable

USAGE = 2  # like click: the command line was wrong
FAILURE = 1
INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C
WRITES_FILES = ("draft", "export", "viz", "browser")  # an interruption may leave a file


def exit_code(exc: TechKGError) -> int:
    return USAGE if isinstance(exc, UsageError) else FAILURE


def did_you_mean(names: tuple[str, ...] | list[str]) -> str:
    """"did you mean 'a', 'b' or 'c'?" for the nearest names of a typo."""
    quoted = [repr(n) for n in names]
    listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
    return f"did you mean {listed}?"


def interrupted(command: str | None) -> str:
    """The line for Ctrl-C: graph writes are one transaction, so an interrupted command left
    the graph as it was."""
    return "interrupted" if command in WRITES_FILES else "interrupted; nothing was written"


def message(exc: TechKGError, command: str | None) -> str:
    """The one line printed for `exc`, with the hint that fits `command`; control characters
    (from a file name, say) are escaped, so the line is one line and moves no cursor."""
    text = "\n".join(printable(line) for line in (str(exc.args[0]) if exc.args else "",
                                                    *exc.details))
    if exc.suggestions:
        return f"{text}; {did_you_mean(exc.suggestions)}"
    if isinstance(exc, NotFound) and exc.text:
        return f"{text} (try `techkg search {exc.text}`)"
    if isinstance(exc, EngineUnresponsive):
        return f"{text}: run `techkg engine restart`"
    if isinstance(exc, ReadOnlyViolation) and command == "cypher":
        return f"{text}; add --write"
    return text
