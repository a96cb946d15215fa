"""The project's one root exception and its kinds.

Messages describe what went wrong in the library's own terms; they never name a command,
an option or an exit code. The CLI (cli/errors.py) maps each class to an exit code and adds
the command hint that fits where it was raised.
"""

from __future__ import annotations


class TechKGError(Exception):
    """Any error the project reports to its user (not a bug).

    `suggestions`: the nearest valid names when a name was mistyped (the CLI offers them as
    "did you mean …"), best first. `details`: further lines under the message (one per
    problem), kept apart so that each is printed, and escaped, as a line of its own."""

    suggestions: tuple[str, ...] = ()
    details: tuple[str, ...] = ()

    def __str__(self) -> str:
        return "\n".join((super().__str__(), *self.details))


class UsageError(TechKGError):
    """Bad input from the caller: unknown query, wrong parameter type, unknown parameter."""

    def __init__(self, message: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.suggestions = suggestions


class NotFound(TechKGError):
    """Nothing matches what was asked for; `text` is what was looked up."""

    def __init__(self, message: str, text: str = "", suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.text = text
        self.suggestions = suggestions


class Unsupported(UsageError):
    """The backend cannot run what was asked (e.g. a query needing a full-text index)."""


class ConnectionFailed(TechKGError):
    """The graph server cannot be reached, refused the credentials or lacks the database."""


class ServerUnreachable(ConnectionFailed):
    """The server did not answer: nothing listens, or it does not respond in time."""


class EngineError(TechKGError):
    """The local engine could not be started, stopped or located."""


class EngineUnresponsive(EngineError):
    """The local engine's process runs but does not answer: it has to be restarted."""


class QueryTimeout(TechKGError):
    """A read ran past the read timeout and the server stopped it."""


class ReadOnlyViolation(TechKGError):
    """A statement that writes was sent (or refused by the server) on the read-only path."""


class WriterBusy(TechKGError):
    """Another writer holds the lock on the same graph."""


class ValidationFailed(TechKGError):
    """One or more extracts are invalid; `issues` holds each located problem."""

    def __init__(self, issues: list, listed: bool = False) -> None:
        self.issues = issues
        errors = [i for i in issues if i.level == "error"]
        if listed:  # the caller has printed every issue already
            super().__init__(f"validation failed with {len(errors)} error(s); nothing was loaded")
            return
        more = f" (and {len(errors) - 1} more error(s))" if len(errors) > 1 else ""
        super().__init__(f"{errors[0]}{more}")
