"""The local engine's read-only account: a `reader` group that may only read records.

The engine does not enforce read transactions, but it does enforce per-user permissions:
a user whose group grants only `readRecord` is refused every write, procedures included.
The group lives in the server's config/server-groups.json (re-read while it runs); the
user is (re)created through the HTTP API as root at every start, with the stored password.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
from pathlib import Path

from techkg.errors import EngineError

READER = "reader"
GROUP = {"resultSetLimit": -1, "readTimeout": -1, "access": [],
         "types": {"*": {"access": ["readRecord"]}}}


# The server's own defaults (what it writes on first boot), plus the reader group.
DEFAULT_GROUPS = {
    "admin": {"resultSetLimit": -1, "readTimeout": -1,
              "access": ["updateSecurity", "updateSchema", "updateDatabaseSettings"],
              "types": {"*": {"access": ["createRecord", "readRecord", "updateRecord",
                                         "deleteRecord"]}}},
    "*": {"resultSetLimit": -1, "readTimeout": -1, "access": [],
          "types": {"*": {"access": []}}},
}


def configure_before_boot(data_dir: Path) -> None:
    """Write the group file with the reader group before the server first boots.

    The server computes each user's per-file permissions from the group file it has loaded;
    a group added while it runs is picked up only after an asynchronous reload, and a
    reader created before that reload is refused reads on types created later. Writing
    the group before the first boot leaves no such window.
    """
    path = data_dir / "config" / "server-groups.json"
    if path.exists():  # an engine home made by an earlier version: add the group now
        _ensure_group(path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {"databases": {"*": {"groups": {**DEFAULT_GROUPS, READER: GROUP}}}, "version": 2}
    temp = path.with_suffix(".tmp")
    temp.write_text(json.dumps(doc, indent=2), "utf-8")
    temp.replace(path)


def ensure_reader(data_dir: Path, http_port: int, bolt_port: int, root_password: str,
                  reader_password: str, database: str) -> None:
    """Make the `reader` group and user exist, then prove the server refuses its writes."""
    _ensure_group(data_dir / "config" / "server-groups.json")
    _command(http_port, root_password, f"drop user {READER}", missing_ok=True)
    spec = {"name": READER, "password": reader_password, "databases": {database: [READER]}}
    _command(http_port, root_password, "create user " + json.dumps(spec))
    _prove_read_only(bolt_port, reader_password, database)


def _ensure_group(path: Path) -> None:
    try:
        doc = json.loads(path.read_text("utf-8"))
        groups = doc.setdefault("databases", {}).setdefault("*", {}).setdefault("groups", {})
    except (OSError, ValueError, AttributeError) as exc:
        raise EngineError(f"cannot read the engine's group file {path}: {exc}") from exc
    if groups.get(READER) == GROUP:
        return
    groups[READER] = GROUP
    temp = path.with_suffix(".tmp")
    temp.write_text(json.dumps(doc, indent=2), "utf-8")
    temp.replace(path)


def _command(port: int, password: str, command: str, missing_ok: bool = False) -> None:
    token = base64.b64encode(f"root:{password}".encode()).decode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/server", method="POST",
        data=json.dumps({"command": command}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Basic {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace")
        if missing_ok and "not found" in detail:
            return
        raise EngineError(f"the local engine refused to set up the read-only account: "
                          f"{command.split(' {', 1)[0]}: HTTP {exc.code}") from exc
    except OSError as exc:
        raise EngineError(f"cannot reach the local engine's HTTP port {port}: {exc}") from exc


def _prove_read_only(bolt_port: int, password: str, database: str) -> None:
    """A write by the reader, in a transaction that is rolled back, must be refused."""
    from neo4j import GraphDatabase
    from neo4j import exceptions as ne

    deadline = time.monotonic() + 10
    with GraphDatabase.driver(f"bolt://127.0.0.1:{bolt_port}", auth=(READER, password),
                              connection_timeout=5) as driver:
        while True:
            with driver.session(database=database) as session:
                tx = session.begin_transaction()
                try:
                    tx.run("CREATE (:TechkgReadOnlyProbe)").consume()
                except ne.Forbidden:
                    return
                except ne.ClientError as exc:
                    if "Forbidden" in (exc.code or ""):
                        return
                    raise
                finally:
                    if not tx.closed():
                        tx.rollback()
            if time.monotonic() > deadline:
                raise EngineError("the local engine accepted a write from the read-only "
                                  "account; refusing to run without read-only enforcement")
            time.sleep(0.2)
