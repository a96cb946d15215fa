"""The one graph-access module: connection settings, the driver, sessions, transactions.

Any Bolt + Cypher server works through the same code path: a Neo4j 5 server or cluster
(`bolt://`, `neo4j://`, `neo4j+s://`) or, when no URI is configured, the local engine, which
is started by `connect()`. Every read and write is one transaction, retried here on
transient errors (the local engine can raise transient conflicts), never after the local
engine is gone. Reads use the read-only account when one is configured, READ access mode
always, and are bounded by the read timeout. On the local engine reads also share a lock
that a commit takes alone (locks.CommitLock), so no read sees a commit half applied.
"""

from __future__ import annotations

import logging
import random
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from techkg import bolt_probe
from techkg.errors import (
    ConnectionFailed,
    EngineError,
    QueryTimeout,
    ReadOnlyViolation,
    ServerUnreachable,
    TechKGError,
)
from techkg.settings import env, read_timeout

T = TypeVar("T")
Tracer = Callable[[str, dict[str, Any]], None]
CONNECT_TIMEOUT = 5.0  # seconds; a port that does not speak Bolt fails in about this long
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
RETRY_TIME = 30.0  # seconds a transaction is retried on transient errors (as the driver does)
LOW_DISK = 64 * 2**20  # bytes; a failed commit with less free than this blames the disk
COMMIT_WAIT = 300.0  # seconds a read waits for a commit on the local engine (a big rebuild)


@dataclass(frozen=True)
class Guard:
    """What `connect()` adds for a server it runs itself (the local engine).

    `commit_lock` is shared by reads and taken alone by a commit; `running()` tells whether
    the server's process still runs, so a lost connection to a dead engine is not retried;
    `data_dir` is where it writes, checked for free space when a commit fails (the engine
    reports a full disk only as "Transaction error on commit").
    """

    commit_lock: Any  # locks.CommitLock
    running: Callable[[], bool]
    data_dir: Path | None = None
    stop_reason: Callable[[], str | None] = lambda: None  # why a stopped server ended

    def disk_free(self) -> int | None:
        """Bytes free where the server writes, if known."""
        if self.data_dir is None:
            return None
        try:
            return shutil.disk_usage(self.data_dir).free
        except OSError:
            return None


@dataclass(frozen=True)
class Settings:
    """Where the graph is; None for `uri` means the local engine (see `connect`).

    `read_user` / `read_password`, when set, are the account reads go through (the local
    engine's `reader`, or a reader role on Neo4j Enterprise/Aura); writes use `user`.
    """

    uri: str | None = None
    user: str | None = None
    password: str | None = None
    database: str | None = None
    read_user: str | None = None
    read_password: str | None = None

    @classmethod
    def resolve(cls, uri: str | None = None, user: str | None = None,
                password: str | None = None, database: str | None = None) -> Settings:
        """Explicit values win over the TECHKG_* environment variables."""
        return cls(uri or env("TECHKG_URI"), user or env("TECHKG_USER"),
                   password or env("TECHKG_PASSWORD"), database or env("TECHKG_DATABASE"),
                   env("TECHKG_READ_USER"), env("TECHKG_READ_PASSWORD"))

    def describe(self) -> str:
        return self.uri or "the local engine"


@dataclass
class Capabilities:
    """What the connected backend can do, so callers never branch on backend names."""

    fulltext: bool
    server: str


@dataclass
class Rows:
    """A query's result: column names and rows of plain Python values."""

    columns: list[str]
    records: list[dict[str, Any]] = field(default_factory=list)
    # set by saved listings that stopped at their `limit` while more rows matched
    cut_at: int | None = None


def connect(settings: Settings | None = None, *, progress: Callable[[str], None] | None = None,
            tracer: Tracer | None = None) -> Graph:
    """Open the configured graph; with no URI, start the local engine first (if needed).

    The local engine's Graph reads through its read-only `reader` account and writes
    through `root`. `progress` receives what a start is waiting for, one line at a time.
    """
    settings = settings or Settings.resolve()
    if settings.uri:
        return Graph(settings, tracer=tracer)
    from techkg.local.engine import DATABASE, READER, USER, LocalEngine
    from techkg.local.locks import CommitLock

    engine = LocalEngine()
    info = engine.start(progress)
    local = Settings(info.uri, USER, engine.password(), settings.database or DATABASE,
                     READER, engine.reader_password())
    target = "the local engine"
    guard = Guard(CommitLock.for_target(target, engine.root), engine.running, engine.data_dir,
                  engine.stop_reason)
    try:
        return Graph(local, tracer=tracer, target=target, guard=guard)
    except ServerUnreachable:
        if engine.running():  # its process runs, yet it does not answer: say so
            raise engine.unresponsive() from None
        raise


class Graph:
    """An open connection to one graph database; never starts a server (see `connect`).

    `tracer(query, params)` is called for every statement sent, including those run by the
    work functions given to `read_tx` / `write_tx`.
    """

    def __init__(self, settings: Settings | None = None, *, driver: Any = None,
                 read_driver: Any = None, tracer: Tracer | None = None,
                 target: str | None = None, guard: Guard | None = None) -> None:
        driver_log = logging.getLogger("neo4j")  # errors are reported as one sentence here
        driver_log.setLevel(logging.CRITICAL)
        if not driver_log.handlers:
            driver_log.addHandler(logging.NullHandler())
        self.settings = settings or Settings.resolve()
        self.tracer = tracer
        self.guard = guard
        s = self.settings
        self.database = s.database
        self._owns_drivers = driver is None  # a driver given by the caller stays theirs
        if driver is not None:
            self.uri = s.uri or "the given driver"
            self._driver = driver
            self._read_driver = read_driver or driver
        else:
            self.uri = _checked_uri(s.uri)
            bolt_probe.check(self.uri)  # a wrong port fails in seconds, not minutes
            self._driver = _driver(self.uri, s.user or "neo4j", s.password or "")
            self._read_driver = _driver(self.uri, s.read_user, s.read_password or "") \
                if s.read_user else self._driver
        self.target = target or (f"{self.uri} database {s.database}" if s.database
                                 else self.uri)
        self._capabilities: Capabilities | None = None
        try:
            with _translated(self, reading=False):
                self._driver.verify_connectivity()
            self.read("RETURN 1 AS ok")
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if not self._owns_drivers:
            return
        self._driver.close()
        if self._read_driver is not self._driver:
            self._read_driver.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------------------
    def read(self, query: str, params: dict[str, Any] | None = None) -> Rows:
        """Run one query in a managed read transaction (the read-only account, READ mode)."""
        return self.read_tx(lambda tx: _rows(tx, query, params))

    def read_tx(self, work: Callable[[Any], T]) -> T:
        """Run `work(tx)` in one read transaction; the server refuses writes in it and stops
        it after the read timeout."""
        return self._run(work, reading=True)

    def write_tx(self, work: Callable[[Any], T]) -> T:
        """Run `work(tx)` in one write transaction: all of it commits, or none."""
        return self._run(work, reading=False)

    def _run(self, work: Callable[[Any], T], reading: bool) -> T:
        """One transaction, tried again on transient errors for up to RETRY_TIME seconds.

        A lost connection is not retried on the local engine when it stopped (the answer
        is known) or when reading (the query itself made the engine drop it: sending it
        again does the same).
        """
        from neo4j import exceptions as ne

        timeout = read_timeout() if reading else None
        started, delay = time.monotonic(), 0.25
        with _translated(self, reading, timeout):
            while True:
                try:
                    return self._attempt(work, reading, timeout)
                except (ne.DriverError, ne.Neo4jError) as exc:
                    lost = isinstance(exc, (ne.ServiceUnavailable, ne.SessionExpired))
                    final = not exc.is_retryable() or lost and self.guard is not None and (
                        reading or not self.guard.running())
                    if final or time.monotonic() - started > RETRY_TIME:
                        raise
                time.sleep(delay * random.uniform(0.8, 1.2))
                delay = min(delay * 2, 4.0)

    def _attempt(self, work: Callable[[Any], T], reading: bool, timeout: float | None) -> T:
        driver = self._read_driver if reading else self._driver
        with driver.session(database=self.database,
                            default_access_mode="READ" if reading else "WRITE") as session:
            if reading:
                with self._commit_lock(reading=True), \
                        session.begin_transaction(timeout=timeout) as tx:
                    return work(self._traced(tx))  # closing rolls the reads back
            with session.begin_transaction() as tx:
                result = work(self._traced(tx))
                with self._commit_lock(reading=False):
                    tx.commit()
                return result

    @contextmanager
    def _commit_lock(self, reading: bool) -> Iterator[None]:
        """Shared by a read for its transaction; alone for a commit (local engine only).

        A commit waits for the reads it overlaps (bounded by the read timeout); a read waits
        for a commit (bounded by the commit's size).
        """
        if self.guard is None:
            yield
            return
        from techkg.local.locks import LockTimeout

        lock = self.guard.commit_lock
        wait = COMMIT_WAIT if reading else read_timeout() + 10
        try:
            with lock.shared(wait) if reading else lock.exclusive(wait):
                yield
        except LockTimeout:
            if reading:
                raise TechKGError(f"a commit on {self.target} kept this read waiting for more "
                                  f"than {wait:g} s") from None
            raise TechKGError(f"reads of {self.target} kept the commit waiting for more than "
                              f"{wait:g} s; nothing was committed") from None

    def write(self, query: str, params: dict[str, Any] | None = None) -> Rows:
        """Run one query in a managed write transaction."""
        return self.write_tx(lambda tx: _rows(tx, query, params))

    def _traced(self, tx: Any) -> Any:
        return tx if self.tracer is None else _TracedTx(tx, self.tracer)

    # -- capabilities ------------------------------------------------------------------------
    @property
    def capabilities(self) -> Capabilities:
        if self._capabilities is None:
            server = self._read_driver.get_server_info().agent
            try:
                rows = self.read("SHOW PROCEDURES YIELD name "
                                 "WHERE name = 'db.index.fulltext.queryNodes' "
                                 "RETURN count(*) AS n")
                fulltext = rows.records[0]["n"] > 0
            except TechKGError:
                fulltext = False
            self._capabilities = Capabilities(fulltext=fulltext, server=server)
        return self._capabilities


class _TracedTx:
    """A transaction that tells the tracer about each statement before running it."""

    def __init__(self, tx: Any, tracer: Tracer) -> None:
        self._tx, self._tracer = tx, tracer

    def run(self, query: Any, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        text = getattr(query, "text", query)
        self._tracer(str(text), {**(parameters or {}), **kwargs})
        return self._tx.run(query, parameters, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tx, name)


def _checked_uri(uri: str | None) -> str:
    if not uri:
        raise ConnectionFailed("no graph URI is set (connect() starts the local engine)")
    scheme = uri.split("://", 1)[0] if "://" in uri else ""
    if scheme not in SCHEMES:
        raise ConnectionFailed(f"graph URI {uri!r} must start with one of: "
                               f"{', '.join(x + '://' for x in SCHEMES)}")
    return uri


def _driver(uri: str, user: str, password: str) -> Any:
    from neo4j import GraphDatabase

    try:
        return GraphDatabase.driver(uri, auth=(user, password),
                                    connection_timeout=CONNECT_TIMEOUT,
                                    connection_acquisition_timeout=CONNECT_TIMEOUT)
    except Exception as exc:  # bad URI scheme and similar: one sentence
        raise ConnectionFailed(f"cannot use graph URI {uri!r}: {exc}") from exc


def _rows(tx: Any, query: str, params: dict[str, Any] | None) -> Rows:
    result = tx.run(query, params or {})
    keys = list(result.keys())
    return Rows(keys, [dict(zip(keys, map(plain, record), strict=True)) for record in result])


def unpacked(items: Iterable[Sequence[Any]], keys: Sequence[str]) -> list[dict[str, Any]]:
    """Records a statement returned packed into one row, one list per record in `keys`' order,
    as dicts: each row costs the client about 40 µs to receive whatever it holds, so a read of
    every entity or article (tens of thousands) returns one row of lists instead."""
    return [dict(zip(keys, item, strict=True)) for item in items]


_READ_ONLY_CODES = ("Neo.ClientError.Security.Forbidden", "Neo.ClientError.Statement.AccessMode")


@contextmanager
def _translated(graph: Graph, reading: bool, timeout: float | None = None) -> Iterator[None]:
    """Turn driver exceptions into one clear sentence (a TechKGError)."""
    from neo4j import exceptions as ne

    try:
        yield
    except (ne.Neo4jError, ne.DriverError) as exc:
        raise _sentence(graph, reading, timeout, exc) from exc


def _sentence(graph: Graph, reading: bool, timeout: float | None,
              exc: Exception) -> TechKGError:
    from neo4j import exceptions as ne

    where = graph.uri
    if isinstance(exc, ne.AuthError):
        return ConnectionFailed(f"the graph server at {where} refused the credentials "
                                f"(check TECHKG_USER / TECHKG_PASSWORD)")
    if isinstance(exc, (ne.ServiceUnavailable, ne.SessionExpired, ne.IncompleteCommit)):
        return _lost(graph, reading, exc)
    if not isinstance(exc, ne.Neo4jError):
        return ConnectionFailed(f"graph connection to {where} failed: {exc}")
    message, code = exc.message or "", exc.code or ""
    full = _full_disk(graph, message, server_side=not isinstance(exc, ne.ClientError))
    if full:
        return TechKGError(full)
    if "TransactionTimedOut" in code:
        return _timed_out(message, timeout, reading)
    if not isinstance(exc, ne.ClientError):
        return TechKGError(f"the query failed on {where}: {_first_line(message)}")
    if "Access to database" in message or "DatabaseNotFound" in code \
            or "database does not exist" in message:
        return ConnectionFailed(f"database {graph.database!r} does not exist on {where}")
    if reading and code in _READ_ONLY_CODES:
        return ReadOnlyViolation("read-only: this statement writes")
    return TechKGError(f"the server rejected the query: {_first_line(message)}")


def _lost(graph: Graph, reading: bool, exc: Exception) -> TechKGError:
    """The sentence for a connection that broke or never opened."""
    from neo4j import exceptions as ne

    if graph.guard is None:
        if isinstance(exc, ne.IncompleteCommit):
            return ConnectionFailed(f"the connection to {graph.uri} broke during the commit; "
                                    "the write may or may not have been applied")
        return ServerUnreachable(f"cannot reach the graph server at {graph.uri}: "
                                 "is it running?")
    if not graph.guard.running():
        why = graph.guard.stop_reason()
        return EngineError(f"{graph.target} stopped while this command ran"
                           + (f": {why}" if why else "")
                           + (" (the next command starts it again)" if reading else
                              "; nothing was written (the next command starts it again)"))
    if reading:
        return TechKGError(f"{graph.target} dropped the connection while running the query: "
                           "it needed more memory than the engine has (TECHKG_ENGINE_HEAP) "
                           "or failed; narrow the query")
    return ServerUnreachable(f"the connection to {graph.target} broke; nothing was committed")


def _timed_out(message: str | None, timeout: float | None, reading: bool) -> QueryTimeout:
    """The sentence for a statement the server stopped at its time limit."""
    found = re.search(r"timeout of (\d+)\s*ms", message or "")
    seconds = int(found.group(1)) / 1000 if found else timeout
    limit = f"{seconds:g} s" if seconds else "its time limit"
    if reading:
        return QueryTimeout(f"the query ran longer than {limit} and was stopped; narrow it or "
                            "raise TECHKG_READ_TIMEOUT")
    return QueryTimeout(f"a write statement ran longer than {limit} and was stopped; nothing "
                        "was committed (TECHKG_READ_TIMEOUT bounds every statement on the "
                        "local engine)")


def _full_disk(graph: Graph, message: str | None, server_side: bool) -> str | None:
    """The sentence for a statement that failed because the server's disk is full, if so.

    The local engine names no cause ("Transaction error on commit", or "Error executing
    Cypher command" for a schema statement), so a server-side or commit failure while its
    disk is nearly full is taken as one.
    """
    text = (message or "").lower()
    said = "no space left on device" in text
    suspect = graph.guard is not None and (server_side or "commit" in text)
    free = graph.guard.disk_free() if graph.guard and suspect else None
    if not said and (free is None or free >= LOW_DISK):
        return None
    where = f" ({graph.guard.data_dir}, {free / 2**20:.1f} MB free)" \
        if graph.guard and free is not None else ""
    return (f"the disk holding the data of {graph.target}{where} is full; nothing was "
            "committed: free some space and run the command again")


def _first_line(text: str | None) -> str:
    return (text or "unknown error").strip().splitlines()[0][:300]


# Values the driver gives as plain Python already: returned without a look at them. Reading
# 48,019 entities' names (1M facts) took 3.0 s with every value checked against each driver
# type and 2.0 s this way (the server's share is 0.5 s).
_AS_IS = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """Driver values as plain JSON-able Python (nodes and paths become maps and lists)."""
    kind = type(value)
    if kind in _AS_IS:
        return value
    if kind is list:
        return [v if type(v) in _AS_IS else plain(v) for v in value]
    return _converted(value)


def _converted(value: Any) -> Any:
    from neo4j import graph as ng
    from neo4j import time as nt

    if isinstance(value, ng.Node):
        return {"labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, ng.Relationship):
        return {"type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, ng.Path):
        return {"nodes": [plain(n) for n in value.nodes],
                "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (nt.Date, nt.DateTime, nt.Time, nt.Duration)):
        return value.iso_format()
    return value
