"""The per-user techkg home: engine data, generated passwords, lock files.

It holds secrets, so it is kept private (0700) even when it existed before, and a home that
cannot be written is reported in one sentence before anything else is attempted.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs

from techkg.errors import EngineError
from techkg.settings import home_folder


def home() -> Path:
    """Per-user data directory: `TECHKG_HOME`, else the platform's user data folder
    (`~/.local/share/techkg` on Linux, honouring XDG_DATA_HOME; the usual places elsewhere)."""
    return home_folder() or platformdirs.user_data_path("techkg", appauthor=False)


def prepare(root: Path) -> Path:
    """Create `root` (0700) or tighten an existing one to 0700; check it is writable."""
    if root.exists() and not root.is_dir():
        raise EngineError(f"the techkg home {root} is not a directory; "
                          "set TECHKG_HOME to a private writable directory")
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        if stat.S_IMODE(root.stat().st_mode) != 0o700:
            root.chmod(0o700)
        probe = root / f".write-test-{os.getpid()}"
        probe.touch()
        probe.unlink()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise EngineError(f"the techkg home {root} is not writable ({reason.lower()}); "
                          "set TECHKG_HOME to a private writable directory") from exc
    return root
