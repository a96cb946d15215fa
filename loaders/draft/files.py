"""Writing a draft: the article's id and copy in the articles folder, the YAML a person
reviews, and counting what is still marked `review: todo`."""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from techkg.errors import TechKGError
from techkg.loaders.draft.assemble import Draft, draft, registry
from techkg.loaders.extract.articles import sha256_of

NUMBERED = re.compile(r"^(\d{3})_[0-9a-f]{16}$")
HEADER = """\
# Draft extract written by `techkg draft` from {file}.
# Every item marked `review: todo` is a suggestion: check it against the article, correct or
# delete it, add what is missing, then delete its review line (or write `review: done`).
# `techkg review {path}` says how many remain; `techkg load` refuses the file until none do.
"""


# stubs come surest first; the comment of each says how sure (relations.CONFIDENCE)
RANKED = ("  # surest first: high = a cue between the two names, medium = through a list or a "
          "reference, low = a cue near them, a name inside another, the sentence before, or "
          "no cue but a learned score")


@dataclass(frozen=True)
class Drafted:
    """What `techkg draft` wrote."""

    article_id: str
    text_copy: Path
    extract: Path
    draft: Draft
    skipped: list[Path]


def new_article_id(text_sha: str, articles: Path, extracts: Path) -> str:
    """`NNN_<first 16 hex of the text's sha256>`, NNN one above the highest number in use."""
    used = [int(m[1]) for folder, pattern in ((articles, "*.txt"), (extracts, "*.yaml"))
            if folder.is_dir() for p in folder.glob(pattern) if (m := NUMBERED.match(p.stem))]
    return f"{max(used, default=-1) + 1:03d}_{text_sha[:16]}"


def _already(text_sha: str, articles: Path, extracts: Path) -> str | None:
    for p in sorted(articles.glob("*.txt")) if articles.is_dir() else []:
        if sha256_of(p) == text_sha:
            return f"the articles folder holds it already as {p}"
    for p in sorted(extracts.glob("*.yaml")) if extracts.is_dir() else []:
        if re.search(rf"^\s*sha256:\s*{text_sha}\s*$", p.read_text("utf-8"), re.MULTILINE):
            return f"{p} is its extract already"
    return None


def draft_article(source: Path, articles: Path, extracts: Path) -> Drafted:
    """Copy the text into the articles folder under a new id and write its draft extract.
    Nothing is written when anything fails."""
    try:
        raw = source.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TechKGError(f"{source}: cannot read the article text as UTF-8 ({exc})") from None
    if not text.strip():
        raise TechKGError(f"{source}: the article text is empty")
    text_sha = sha256_of(source)
    if (why := _already(text_sha, articles, extracts)) is not None:
        raise TechKGError(f"{source}: not drafted again: {why}")
    article_id = new_article_id(text_sha, articles, extracts)
    known, skipped = registry(sorted(extracts.glob("*.yaml")) if extracts.is_dir() else [])
    result = draft(text, {"id": article_id, "file": f"{article_id}.txt", "sha256": text_sha},
                   known)
    if not result.entities:
        raise TechKGError(f"{source}: no entity names found in the text; nothing drafted "
                          "(an extract can be written by hand: docs/extract-format.md)")
    copy, out = articles / f"{article_id}.txt", extracts / f"{article_id}.yaml"
    body = to_yaml(result, out)
    articles.mkdir(parents=True, exist_ok=True)
    extracts.mkdir(parents=True, exist_ok=True)
    _write_atomic(copy, raw)
    try:
        _write_atomic(out, body.encode("utf-8"))
    except OSError:
        copy.unlink(missing_ok=True)
        raise
    return Drafted(article_id, copy, out, result, skipped)


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def to_yaml(d: Draft, path: Path) -> str:
    """The draft as YAML a person edits: known entities, then candidates, then stubs."""
    a = d.article
    lines = [HEADER.format(file=a["file"], path=path), "article:"]
    for key in ("id", "title", "publisher", "author"):
        lines.append(f"  {key}: {_q(a[key])}")
    found = f"  # dates in the text: {', '.join(d.dates[:8])}" if d.dates else ""
    lines += [f"  date: {_q(a['date'])}{found}", f"  file: {_q(a['file'])}",
              f"  sha256: {_q(a['sha256'])}", "", "entities:"]
    for ent in d.entities:
        lines.append(f"  - id: {ent.id}  # {ent.comment}")
        lines.append(f"    type: {ent.type}")
        lines.append(f"    name: {_q(ent.name)}")
        if ent.aliases:
            lines.append(f"    aliases: [{', '.join(map(_q, ent.aliases))}]")
        if ent.name_zh:
            lines.append(f"    name_zh: {_q(ent.name_zh)}")
        if ent.country:
            lines.append(f"    country: {ent.country}")
        if ent.note:
            lines.append(f"    note: {_q(ent.note)}")
        lines.append("    review: todo")
    lines += ["", "relationships:" + (RANKED if d.stubs else " []")]
    for s in d.stubs:
        lines += [f"  - subject: {s.subject}  # {s.comment}", f"    type: {s.type}",
                  f"    object: {s.object}", f"    status: {s.status}", "    review: todo",
                  "    evidence:"]
        lines += [f"      - {_q(q)}" for q in s.evidence]
    return "\n".join(lines) + "\n"
