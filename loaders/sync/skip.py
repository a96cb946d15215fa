"""Which extract files a load may skip: those whose verdict cannot have changed since loaded.

An extract's verdict depends on its bytes, its file name (the article id must equal the
stem), the rules it is checked by (the packaged vocabulary and graph schema, the package
version) and the article text its quotes are checked against. The first three make the
Article node's `load_key`; the text is compared with the Article's `checked_sha256`. Without
an articles folder, an unchanged extract keeps what an earlier load checked (validation could
not tell otherwise). The checks across files still see the skipped files: whatever shares an
entity or article id with a file that is read again takes part through its Declaration
records (techkg.loaders.sync.incremental).

The texts of skipped extracts are hashed afresh on every load (each distinct text once): a
size+mtime cache would be fooled by an edit within the clock's resolution or a copy that
keeps times, and hashing costs a read of the texts, not their parsing or normalisation.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path

import techkg
from techkg.loaders.extract import articles
from techkg.loaders.extract.yaml_source import YamlProblem, read_bounded
from techkg.loaders.sync.state import Loaded


@cache
def rules_version() -> str:
    """A hash of what validation depends on besides the files: the package version and
    every packaged YAML data file (vocabulary, graph schema, and any added later)."""
    digest = hashlib.sha256(techkg.__version__.encode())
    data = sorted((r for r in resources.files("techkg").iterdir() if r.name.endswith(".yaml")),
                  key=lambda r: r.name)
    for res in data:
        digest.update(b"\0" + res.name.encode() + b"\0" + res.read_bytes())
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    """Hash of an extract file, read with the same limits as validation (a link to
    /dev/zero or an oversized file raises the located YamlProblem, never fills memory)."""
    return hashlib.sha256(read_bounded(path)).hexdigest()


def load_key(extract_sha256: str, name: str) -> str:
    """The key an Article records: the extract's bytes and file name, and the rules."""
    return hashlib.sha256(f"{rules_version()}\0{name}\0{extract_sha256}".encode()).hexdigest()


def unchanged_files(known: dict[str, Loaded], files: list[Path], texts: Path | None
                    ) -> dict[Path, str]:
    """The files a load may skip -> their article id: same load key as recorded and, with an
    articles folder, a text whose hash the article's quotes were checked against. Files
    that would stand for one article twice are not skipped (validation reports them)."""
    by_key = {k.load_key: a for a, k in known.items() if k.load_key}
    hashes: dict[str, str | None] = {}

    def text_hash(name: str) -> str | None:
        if name not in hashes:
            try:
                hashes[name] = articles.text_sha256(texts, name) if texts else None
            except articles.ArticleUnavailable:
                hashes[name] = None
        return hashes[name]

    out: dict[Path, str] = {}
    for path in files:
        try:
            article = by_key.get(load_key(file_sha256(path), path.name))
        except YamlProblem:
            continue  # not loadable as it is: validation reports where and why
        if article is None:
            continue
        k = known[article]
        if texts is None or (k.quotes_checked and k.file is not None
                             and text_hash(k.file) == k.checked_sha256):
            out[path] = article
    twice = {a for a, n in Counter(out.values()).items() if n > 1}
    return {p: a for p, a in out.items() if a not in twice}
