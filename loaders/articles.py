"""Where article texts live, and their content hashes.

Article texts are published, copyrighted work: the project never commits them. They sit in
an articles folder chosen by the user: `--articles DIR`, else `TECHKG_ARTICLES`, else
`articles/` in the current project (git-ignored).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

ENV = "TECHKG_ARTICLES"
DEFAULT = Path("articles")


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
