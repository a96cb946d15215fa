"""Every `TECHKG_*` environment variable, read and checked in this one module.

Why one place: the variables used to be read in six modules, each with its own parsing and
its own idea of a bad value. Here each has one reader, one default and one sentence for a
bad value; `VARIABLES` lists them all for the docs (a test keeps README and this list equal,
and another fails if any other module reads a `TECHKG_*` variable itself).
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

from techkg.errors import EngineError, UsageError

VARIABLES: dict[str, str] = {
    "TECHKG_URI": "Bolt URI of the graph (bolt://, neo4j://, neo4j+s://); unset: the local engine",
    "TECHKG_USER": "user name for that graph (writes, and reads unless TECHKG_READ_USER is set)",
    "TECHKG_PASSWORD": "password of TECHKG_USER",
    "TECHKG_DATABASE": "database name (default: the server's default)",
    "TECHKG_READ_USER": "account reads go through (a reader role on Neo4j Enterprise or Aura)",
    "TECHKG_READ_PASSWORD": "password of TECHKG_READ_USER",
    "TECHKG_ARTICLES": "folder of article texts for the verbatim-quote check (default: ./articles)",
    "TECHKG_HOME": "private folder for the local engine's data, passwords and locks "
                   "(default: the platform's user data folder)",
    "TECHKG_ENGINE_HEAP": "the local engine's Java heap, e.g. 2g or 1536m (default: a quarter "
                          "of the memory, 1 to 4 GB)",
    "TECHKG_READ_TIMEOUT": "seconds a read may run before the server stops it (default 30)",
    "TECHKG_WRITE_WAIT": "seconds a writer waits for another one to finish (default 60)",
}

DEFAULT_READ_TIMEOUT = 30.0  # seconds
DEFAULT_WRITE_WAIT = 60.0  # seconds


def env(name: str) -> str | None:
    """The variable's value, or None when unset or blank (blank means "not set" everywhere)."""
    assert name in VARIABLES, name
    value = os.environ.get(name, "").strip()
    return value or None


def read_timeout() -> float:
    """Seconds a read may run before the server stops it (TECHKG_READ_TIMEOUT, default 30)."""
    raw = env("TECHKG_READ_TIMEOUT")
    if raw is None:
        return DEFAULT_READ_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise UsageError(f"TECHKG_READ_TIMEOUT={raw!r} is not a number of seconds above 0")
    return value


def write_wait() -> float:
    """Seconds a writer waits for another one (TECHKG_WRITE_WAIT, default 60)."""
    raw = env("TECHKG_WRITE_WAIT")
    try:
        return max(0.0, float(raw)) if raw is not None else DEFAULT_WRITE_WAIT
    except ValueError:
        return DEFAULT_WRITE_WAIT


def engine_heap() -> str | None:
    """TECHKG_ENGINE_HEAP checked as a Java heap size (2g, 1536m), or None when unset."""
    value = env("TECHKG_ENGINE_HEAP")
    if value is not None and not re.fullmatch(r"[1-9]\d*[kKmMgG]?", value):
        raise EngineError(f"TECHKG_ENGINE_HEAP={value!r} is not a Java heap size "
                          "such as 2g or 1536m")
    return value


def home_folder() -> Path | None:
    """TECHKG_HOME, or None for the platform's default."""
    value = env("TECHKG_HOME")
    return Path(value).expanduser() if value else None


def articles_folder() -> Path | None:
    """TECHKG_ARTICLES, or None for the default ./articles."""
    value = env("TECHKG_ARTICLES")
    return Path(value).expanduser() if value else None


def markdown() -> str:
    """The settings as a Markdown table (README's, kept current by scripts/regen_docs.py)."""
    rows = [f"| `{name}` | {meaning} |" for name, meaning in VARIABLES.items()]
    return "\n".join(["| variable | what it sets |", "|---|---|", *rows]) + "\n"
