"""The one graph-access module: connection settings, the driver, sessions, transactions.

Any Bolt + Cypher server works through the same code path: a Neo4j 5 server or cluster
(`bolt://`, `neo4j://`, `neo4j+s://`) or, when no URI is configured, the local engine, which
is started by `connect()`. Reads and writes always go through managed transactions, which
the driver retries on transient errors (the local engine can raise transient conflicts).
Reads use the read-only account when one is configured, and READ access mode always.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from techkg import bolt_probe
from techkg.errors import ConnectionFailed, ReadOnlyViolation, TechKGError

T = TypeVar("T")
Tracer = Callable[[str, dict[str, Any]], None]
CONNECT_TIMEOUT = 5.0  # seconds; a port that does not speak Bolt fails in about this long
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


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
        env = os.environ.get
        return cls(uri or env("TECHKG_URI") or None, user or env("TECHKG_USER") or None,
                   password or env("TECHKG_PASSWORD") or None,
                   database or env("TECHKG_DATABASE") or None,
                   env("TECHKG_READ_USER") or None, env("TECHKG_READ_PASSWORD") or None)

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
    from techkg.engine import DATABASE, READER, USER, LocalEngine

    engine = LocalEngine()
    info = engine.start(progress)
    local = Settings(info.uri, USER, engine.password(), settings.database or DATABASE,
                     READER, engine.reader_password())
    return Graph(local, tracer=tracer, target="the local engine")


class Graph:
    """An open connection to one graph database; never starts a server (see `connect`).

    `tracer(query, params)` is called for every statement sent, including those run by the
    work functions given to `read_tx` / `write_tx`.
    """

    def __init__(self, settings: Settings | None = None, *, driver: Any = None,
                 read_driver: Any = None, tracer: Tracer | None = None,
                 target: str | None = None) -> None:
        logging.getLogger("neo4j").setLevel(logging.ERROR)  # retries are expected, not news
        self.settings = settings or Settings.resolve()
        self.tracer = tracer
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
        """Run `work(tx)` in one managed read transaction; the server refuses writes in it."""
        with _translated(self, reading=True), \
                self._read_driver.session(database=self.database,
                                          default_access_mode="READ") as session:
            return session.execute_read(lambda tx: work(self._traced(tx)))

    def write_tx(self, work: Callable[[Any], T]) -> T:
        """Run `work(tx)` in one managed write transaction: all of it commits, or none."""
        with _translated(self, reading=False), \
                self._driver.session(database=self.database) as session:
            return session.execute_write(lambda tx: work(self._traced(tx)))

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
    return Rows(keys, [{k: plain(r[k]) for k in keys} for r in result])


_READ_ONLY_CODES = ("Neo.ClientError.Security.Forbidden", "Neo.ClientError.Statement.AccessMode")


@contextmanager
def _translated(graph: Graph, reading: bool) -> Iterator[None]:
    """Turn driver exceptions into one clear sentence (a TechKGError)."""
    from neo4j import exceptions as ne

    where = graph.uri
    try:
        yield
    except ne.AuthError as exc:
        raise ConnectionFailed(f"the graph server at {where} refused the credentials "
                               f"(check TECHKG_USER / TECHKG_PASSWORD)") from exc
    except ne.ServiceUnavailable as exc:
        raise ConnectionFailed(f"cannot reach the graph server at {where}: is it running?") \
            from exc
    except ne.ClientError as exc:
        code = exc.code or ""
        if "Access to database" in (exc.message or "") or "DatabaseNotFound" in code \
                or "database does not exist" in (exc.message or ""):
            raise ConnectionFailed(f"database {graph.database!r} does not exist on {where}") \
                from exc
        if reading and code in _READ_ONLY_CODES:
            raise ReadOnlyViolation("read-only: this statement writes") from exc
        raise TechKGError(f"the server rejected the query: {_first_line(exc.message)}") from exc
    except ne.Neo4jError as exc:
        raise TechKGError(f"the query failed on {where}: {_first_line(exc.message)}") from exc
    except ne.DriverError as exc:
        raise ConnectionFailed(f"graph connection to {where} failed: {exc}") from exc


def _first_line(text: str | None) -> str:
    return (text or "unknown error").strip().splitlines()[0][:300]


def plain(value: Any) -> Any:
    """Driver values as plain JSON-able Python (nodes and paths become maps and lists)."""
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
