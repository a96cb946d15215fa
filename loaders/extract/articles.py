"""Where article texts live, their content hashes, and the verbatim-quote comparison (a quote,
or each part of it around "…", found in order within one paragraph: one line of the text).

Article texts are published, copyrighted work: the project never commits them. They sit in
an articles folder chosen by the user: `--articles DIR`, else `TECHKG_ARTICLES`, else
`articles/` in the current project (git-ignored).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from techkg.loaders.extract.yaml_source import YamlProblem, decode, read_bounded
from techkg.settings import articles_folder

DEFAULT = Path("articles")
MAX_ARTICLE_BYTES = 20_000_000

_TYPO = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                       "\u00a0": " ", "\u2013": "-", "\u2014": "-"})
_ELLIPSIS = re.compile(r"\s*(?:\u2026|\.\.\.)\s*")


def articles_dir(explicit: Path | None = None) -> Path:
    """The configured articles folder (it may not exist: then quotes cannot be checked)."""
    if explicit is not None:
        return explicit
    return articles_folder() or DEFAULT


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


def fragments(quote: str) -> list[str]:
    """A quote's normalised parts: one, or several where "…" (or "...") marks an omission."""
    return [p for p in _ELLIPSIS.split(normalise(quote)) if p]


def _in_order(parts: list[str], text: str) -> bool:
    pos = 0
    for part in parts:
        found = text.find(part, pos)
        if found < 0:
            return False
        pos = found + len(part)
    return True


def quote_in(quote: str, paragraphs: tuple[str, ...] | str) -> bool:
    """True if the quote's parts occur, in order, within one (normalised) paragraph (a
    string is taken as one paragraph)."""
    if isinstance(paragraphs, str):
        paragraphs = (paragraphs,)
    parts = fragments(quote)
    return any(_in_order(parts, p) for p in paragraphs)


def verbatim_problem(quote: str, article: ArticleText, name: str) -> str | None:
    """Why a quote is not a verbatim span of one paragraph of `article`, or None."""
    parts = fragments(quote)
    # one part (most quotes): one search of the paragraphs joined by a newline, which no
    # normalised paragraph or quote contains. Trying each paragraph in turn cost 7.9 million
    # searches for the 124k quotes of 1,000 articles; with the name patterns below compiled
    # once, that validation went from 14.7-15.4 s to 12.1-12.5 s.
    if len(parts) == 1:
        if parts[0] in article.lines:
            return None
    elif any(_in_order(parts, p) for p in article.paragraphs):
        return None
    if _in_order(parts, article.normalised) or all(
            any(part in p for p in article.paragraphs) for part in parts):
        return (f"evidence quote parts are not in order within one paragraph of {name}: "
                f"{quote[:60]!r} (quote each passage separately)")
    return f"evidence quote not found verbatim in {name}: {quote[:60]!r}"


@dataclass(frozen=True)
class ArticleText:
    """One article text as the quote check needs it: its hash, its normalised text and its
    normalised paragraphs (lines: article texts are stored one paragraph per line)."""

    sha256: str
    normalised: str
    paragraphs: tuple[str, ...]

    @cached_property
    def lines(self) -> str:
        """The paragraphs joined by newlines: a part found here lies within one of them."""
        return "\n".join(self.paragraphs)


class ArticleUnavailable(Exception):
    """Why an article text cannot be used (the message names no command)."""


def available(explicit: Path | None = None) -> Path | None:
    """The configured articles folder if it is a folder, else None (quotes go unchecked)."""
    folder = articles_dir(explicit)
    return folder if folder.is_dir() else None


@lru_cache(maxsize=8)
def _resolved(folder: Path) -> Path:
    return folder.resolve()


def _inside(folder: Path, name: str) -> Path:
    """The path of text `name` inside `folder` (nothing is opened, and only a symbolic link
    is looked at).

    A plain file name that is no symbolic link stays inside the (resolved) folder, so only
    other names are resolved component by component: resolving all 10,000 texts of a
    reload took 1 s of its 2.3 s."""
    base = _resolved(folder.absolute())  # absolute: the cache must not outlive a chdir
    path = base / name
    try:
        if name in (".", "..") or path.name != name or path.is_symlink():
            path = path.resolve()
            if not path.is_relative_to(base):
                raise ArticleUnavailable(
                    f"article file {name!r} resolves outside the articles folder")
    except OSError:
        raise _not_found(folder, name) from None
    return path


def _not_found(folder: Path, name: str) -> ArticleUnavailable:
    return ArticleUnavailable(f"article text {name!r} not found in {folder}")


def article_text(folder: Path, name: str) -> ArticleText:
    """The text `name` inside `folder` (read, hashed and normalised once per file version).

    Raises ArticleUnavailable for a missing file, a path escaping the folder (also through a
    symbolic link), a non-regular or oversized file, or text that is not UTF-8.
    """
    path = _inside(folder, name)
    try:
        info = path.stat()
    except OSError:
        raise _not_found(folder, name) from None
    try:
        return _read(str(path), info.st_mtime_ns, info.st_size)
    except YamlProblem as exc:
        raise ArticleUnavailable(f"article text {name!r}: {exc.issue.message}") from None


def text_sha256(folder: Path, name: str) -> str:
    """The SHA-256 of text `name` inside `folder`, read afresh: a load hashes each text it
    skips (no size+mtime shortcut, which an edit within the clock's resolution or a copy
    that keeps times would fool). Raises ArticleUnavailable as article_text does, except
    for text that is not UTF-8 (its hash cannot match one a check recorded)."""
    path = _inside(folder, name)
    try:
        return hashlib.sha256(read_bounded(path, MAX_ARTICLE_BYTES, "article text")).hexdigest()
    except YamlProblem as exc:
        if isinstance(exc.__cause__, FileNotFoundError):
            raise _not_found(folder, name) from None
        raise ArticleUnavailable(f"article text {name!r}: {exc.issue.message}") from None


@lru_cache(maxsize=64)
def _read(path: str, mtime_ns: int, size: int) -> ArticleText:
    """Cached by path and version, so a thousand extracts of one article read it once."""
    raw = read_bounded(Path(path), MAX_ARTICLE_BYTES, "article text")
    text = decode(Path(path), raw)
    paragraphs = tuple(p for p in map(normalise, text.splitlines()) if p)
    return ArticleText(hashlib.sha256(raw).hexdigest(), normalise(text), paragraphs)
