"""The one graph-access module: connection settings, the driver, sessions, transactions.

Any Bolt + Cypher server works through the same code path: a Neo4j 5 server or cluster
(`bolt://`, `neo4j://`, `neo4j+s://`) or, when no URI is configured, the local engine, which
is started on demand. Reads and writes always go through managed transactions, which the
driver retries on transient errors (the local engine can raise transient conflicts).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from techkg.errors import ConnectionFailed, TechKGError

T = TypeVar("T")
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


@dataclass(frozen=True)
class Settings:
    """Where the graph is; None for `uri` means the local engine."""

    uri: str | None = None
    user: str | None = None
    password: str | None = None
    database: str | None = None

    @classmethod
    def resolve(cls, uri: str | None = None, user: str | None = None,
                password: str | None = None, database: str | None = None) -> Settings:
        """CLI options win over the TECHKG_* environment variables."""
        env = os.environ.get
        return cls(uri or env("TECHKG_URI") or None, user or env("TECHKG_USER") or None,
                   password or env("TECHKG_PASSWORD") or None,
                   database or env("TECHKG_DATABASE") or None)

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


class Graph:
    """An open connection to one graph database."""

    def __init__(self, settings: Settings | None = None) -> None:
        from neo4j import GraphDatabase

        logging.getLogger("neo4j").setLevel(logging.ERROR)  # retries are expected, not news
        self.settings = settings or Settings.resolve()
        uri, user, password, database = self._endpoint()
        self.uri, self.database = uri, database
        try:
            self._driver = GraphDatabase.driver(uri, auth=(user, password))
        except Exception as exc:  # bad URI scheme and similar: one sentence
            raise ConnectionFailed(f"cannot use graph URI {uri!r}: {exc}") from exc
        self._capabilities: Capabilities | None = None
        with _translated(self):
            self._driver.verify_connectivity()
            self.read("RETURN 1 AS ok")

    def _endpoint(self) -> tuple[str, str, str, str | None]:
        s = self.settings
        if s.uri:
            scheme = s.uri.split("://", 1)[0] if "://" in s.uri else ""
            if scheme not in SCHEMES:
                raise ConnectionFailed(f"graph URI {s.uri!r} must start with one of: "
                                       f"{', '.join(x + '://' for x in SCHEMES)}")
            return s.uri, s.user or "neo4j", s.password or "", s.database
        from techkg.engine import DATABASE, USER, LocalEngine

        engine = LocalEngine()
        info = engine.start()
        return info.uri, USER, engine.password(), s.database or DATABASE

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------------------
    def read(self, query: str, params: dict[str, Any] | None = None) -> Rows:
        """Run one query in a managed read transaction."""
        return self.read_tx(lambda tx: _rows(tx, query, params))

    def read_tx(self, work: Callable[[Any], T]) -> T:
        with _translated(self), self._driver.session(database=self.database) as session:
            return session.execute_read(work)

    def write_tx(self, work: Callable[[Any], T]) -> T:
        """Run `work(tx)` in one managed write transaction: all of it commits, or none."""
        with _translated(self), self._driver.session(database=self.database) as session:
            return session.execute_write(work)

    def write(self, query: str, params: dict[str, Any] | None = None) -> Rows:
        """Run one query in a managed write transaction."""
        return self.write_tx(lambda tx: _rows(tx, query, params))

    # -- capabilities ------------------------------------------------------------------------
    @property
    def capabilities(self) -> Capabilities:
        if self._capabilities is None:
            server = self._driver.get_server_info().agent
            try:
                rows = self.read("SHOW PROCEDURES YIELD name "
                                 "WHERE name = 'db.index.fulltext.queryNodes' "
                                 "RETURN count(*) AS n")
                fulltext = rows.records[0]["n"] > 0
            except TechKGError:
                fulltext = False
            self._capabilities = Capabilities(fulltext=fulltext, server=server)
        return self._capabilities


def _rows(tx: Any, query: str, params: dict[str, Any] | None) -> Rows:
    result = tx.run(query, params or {})
    keys = list(result.keys())
    return Rows(keys, [{k: plain(r[k]) for k in keys} for r in result])


@contextmanager
def _translated(graph: Graph) -> Iterator[None]:
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
        if "DatabaseNotFound" in code or "database does not exist" in (exc.message or ""):
            raise ConnectionFailed(f"database {graph.database!r} does not exist on {where}") \
                from exc
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
