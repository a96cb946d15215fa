"""The project's one root exception; the CLI turns it into a one-line message and exit code."""

from __future__ import annotations


class TechKGError(Exception):
    """Any error the project reports to its user (not a bug).

    `exit_code` is what the CLI exits with: 1 for runtime failures, 2 for bad usage.
    """

    exit_code = 1


class UsageError(TechKGError):
    """Bad command-line input: unknown query, wrong parameter type, unknown parameter."""

    exit_code = 2


class ConnectionFailed(TechKGError):
    """The graph server cannot be reached, refused the credentials or lacks the database."""


class EngineError(TechKGError):
    """The local engine could not be started, stopped or located."""


class ReadOnlyViolation(UsageError):
    """A write clause was sent where only reads are allowed."""


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
