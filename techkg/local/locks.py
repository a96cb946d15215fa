"""Advisory file locks under the techkg home: one writer per graph, one engine start at a time,
and reads that never overlap a commit on the local engine.

The locks come from `filelock` (portable; the operating system releases them when the holder
exits, even after kill -9, so a crashed command never leaves a stale lock behind). They
serialize commands run by the same user with the same home; they are not a lock inside the
database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import filelock

from techkg.errors import WriterBusy
from techkg.local import home
from techkg.settings import write_wait

Notify = Callable[[str], None]


class LockTimeout(Exception):
    """Internal: the lock was not free within the wait; callers raise their own error."""


@contextmanager
def file_lock(path: Path, wait: float, on_wait: Notify | None = None,
              waiting_message: str = "") -> Iterator[None]:
    """Hold an exclusive lock on `path`, waiting up to `wait` seconds (LockTimeout after).

    `on_wait` hears `waiting_message` once, only when the lock is not free at once.
    """
    lock = filelock.FileLock(path, mode=0o600, is_singleton=False)
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        if on_wait is not None and waiting_message:
            on_wait(waiting_message)
        try:
            lock.acquire(timeout=max(wait, 0.0))
        except filelock.Timeout:
            raise LockTimeout(str(path)) from None
    try:
        yield
    finally:
        lock.release()




def _lock_path(kind: str, target: str, root: Path | None) -> Path:
    folder = home.prepare(root or home.home()) / "locks"
    folder.mkdir(mode=0o700, exist_ok=True)
    digest = hashlib.sha256(target.encode("utf-8")).hexdigest()[:16]
    return folder / f"{kind}-{digest}.lock"


def writer_lock_path(target: str, root: Path | None = None) -> Path:
    """The lock file for writers of `target` (a URI and database, or the local engine)."""
    return _lock_path("write", target, root)


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


class CommitLock:
    """Reads share it; a commit holds it alone, so no read sees a commit half applied.

    The local engine lets a read that overlaps a commit see part of it (measured: a
    relationship count between the before and after counts). Readers hold this lock for
    their whole transaction; the writer takes it only around its commit, so reads wait for
    a commit (seconds) but never for a whole load. A waiting commit goes before new readers.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def for_target(cls, target: str, root: Path | None = None) -> CommitLock:
        return cls(_lock_path("commit", target, root))

    @contextmanager
    def shared(self, wait: float) -> Iterator[None]:
        """Held by a read for its transaction (LockTimeout after `wait` seconds)."""
        with self._held("read", wait):
            yield

    @contextmanager
    def exclusive(self, wait: float) -> Iterator[None]:
        """Held by a commit (LockTimeout after `wait` seconds)."""
        with self._held("write", wait):
            yield

    @contextmanager
    def _held(self, mode: str, wait: float) -> Iterator[None]:
        lock = filelock.ReadWriteLock(self.path, is_singleton=False)
        acquire = lock.read_lock if mode == "read" else lock.write_lock
        try:
            with acquire(timeout=wait):
                yield
        except filelock.Timeout:
            raise LockTimeout(str(self.path)) from None
        finally:
            lock.close()
