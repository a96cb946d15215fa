"""Advisory file locks under the techkg home: one writer per graph, one engine start at a time.

Locks are `fcntl.flock` locks, released by the kernel when the holder exits (even after
kill -9), so a crashed command never leaves a stale lock behind. They serialize commands
run by the same user with the same home; they are not a lock inside the database.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from techkg import home
from techkg.errors import WriterBusy

DEFAULT_WRITE_WAIT = 60.0
Notify = Callable[[str], None]


class LockTimeout(Exception):
    """Internal: the lock was not free within the wait; callers raise their own error."""


@contextmanager
def file_lock(path: Path, wait: float, on_wait: Notify | None = None,
              waiting_message: str = "") -> Iterator[None]:
    """Hold an exclusive lock on `path`, waiting up to `wait` seconds (LockTimeout after)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(str(path)) from None
                if on_wait is not None and not told and waiting_message:
                    on_wait(waiting_message)
                    told = True
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def write_wait() -> float:
    """Seconds a writer waits for another one (TECHKG_WRITE_WAIT, default 60)."""
    raw = os.environ.get("TECHKG_WRITE_WAIT", "")
    try:
        return max(0.0, float(raw)) if raw.strip() else DEFAULT_WRITE_WAIT
    except ValueError:
        return DEFAULT_WRITE_WAIT


def writer_lock_path(target: str, root: Path | None = None) -> Path:
    """The lock file for writers of `target` (a URI and database, or the local engine)."""
    folder = home.prepare(root or home.home()) / "locks"
    folder.mkdir(mode=0o700, exist_ok=True)
    digest = hashlib.sha256(target.encode("utf-8")).hexdigest()[:16]
    return folder / f"write-{digest}.lock"


@contextmanager
def writer_lock(target: str, wait: float | None = None, on_wait: Notify | None = None,
                root: Path | None = None) -> Iterator[None]:
    """Be the only writer of `target` while the block runs (loads, imports, ad-hoc writes).

    A second writer waits up to `wait` seconds (default: write_wait()), telling `on_wait`
    once, then gets WriterBusy.
    """
    path = writer_lock_path(target, root)
    seconds = write_wait() if wait is None else wait
    try:
        with file_lock(path, seconds, on_wait,
                       f"waiting up to {seconds:g} s for another load on {target} to finish"):
            yield
    except LockTimeout:
        raise WriterBusy(f"another load is running on {target}") from None
