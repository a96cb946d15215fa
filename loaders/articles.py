"""Where article texts live, their content hashes, and the verbatim-quote comparison.

Article texts are published, copyrighted work: the project never commits them. They sit in
an articles folder chosen by the user: `--articles DIR`, else `TECHKG_ARTICLES`, else
`articles/` in the current project (git-ignored).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from techkg.loaders.yaml_source import YamlProblem, decode, read_bounded

ENV = "TECHKG_ARTICLES"
DEFAULT = Path("articles")
MAX_ARTICLE_BYTES = 20_000_000

_TYPO = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                       "\u00a0": " ", "\u2013": "-", "\u2014": "-"})
_ELLIPSIS = re.compile(r"\s*(?:\u2026|\.\.\.)\s*")


def articles_dir(explicit: Path | None = None) -> Path:
    """The configured articles folder (it may not exist: then quotes cannot be checked)."""
    if explicit is not None:
        return explicit
    if os.environ.get(ENV):
        return Path(os.environ[ENV]).expanduser()
    return DEFAULT


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes (recorded per extract as `article.sha256`)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def normalise(text: str) -> str:
    """Whitespace runs and typographic quotes normalised, for verbatim comparison."""
    return " ".join(text.translate(_TYPO).split())  # str.split() splits at what \s matches


def quote_in(quote: str, article: str) -> bool:
    """True if the quote's parts (split at ellipses) occur in the normalised article, in order."""
    text = normalise(quote)
    if "\u2026" not in text and "..." not in text:  # one part: no split needed
        return text in article
    pos = 0
    for part in (p for p in _ELLIPSIS.split(text) if p):
        found = article.find(part, pos)
        if found < 0:
            return False
        pos = found + len(part)
    return True


@dataclass(frozen=True)
class ArticleText:
    """One article text as the quote check needs it: its hash and its normalised text."""

    sha256: str
    normalised: str


class ArticleUnavailable(Exception):
    """Why an article text cannot be used (the message names no command)."""


def available(explicit: Path | None = None) -> Path | None:
    """The configured articles folder if it is a folder, else None (quotes go unchecked)."""
    folder = articles_dir(explicit)
    return folder if folder.is_dir() else None


def _locate(folder: Path, name: str) -> tuple[Path, os.stat_result]:
    """The path of text `name` inside `folder` and its stat (no file is opened)."""
    base = folder.resolve()
    path = (base / name).resolve()
    if not path.is_relative_to(base):
        raise ArticleUnavailable(f"article file {name!r} resolves outside the articles folder")
    try:
        return path, path.stat()
    except OSError:
        raise ArticleUnavailable(f"article text {name!r} not found in {folder}") from None


def article_text(folder: Path, name: str) -> ArticleText:
    """The text `name` inside `folder` (read, hashed and normalised once per file version).

    Raises ArticleUnavailable for a missing file, a path escaping the folder (also through a
    symbolic link), a non-regular or oversized file, or text that is not UTF-8.
    """
    path, info = _locate(folder, name)
    try:
        return _read(str(path), info.st_mtime_ns, info.st_size)
    except YamlProblem as exc:
        raise ArticleUnavailable(f"article text {name!r}: {exc.issue.message}") from None


def text_sha256(folder: Path, name: str) -> str:
    """The SHA-256 of text `name` inside `folder`, read afresh: a load hashes each text it
    skips (no size+mtime shortcut, which an edit within the clock's resolution or a copy
    that keeps times would fool). Raises ArticleUnavailable as article_text does, except
    for text that is not UTF-8 (its hash cannot match one a check recorded)."""
    path, _info = _locate(folder, name)
    try:
        return hashlib.sha256(read_bounded(path, MAX_ARTICLE_BYTES, "article text")).hexdigest()
    except YamlProblem as exc:
        raise ArticleUnavailable(f"article text {name!r}: {exc.issue.message}") from None


@lru_cache(maxsize=64)
def _read(path: str, mtime_ns: int, size: int) -> ArticleText:
    """Cached by path and version, so a thousand extracts of one article read it once."""
    raw = read_bounded(Path(path), MAX_ARTICLE_BYTES, "article text")
    return ArticleText(hashlib.sha256(raw).hexdigest(), normalise(decode(Path(path), raw)))
