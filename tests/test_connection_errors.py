"""Unreachable servers, wrong passwords, missing databases: one sentence, exit 1."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest

from techkg.graph import Settings

from .conftest import LOCAL_ENGINES


def test_unreachable_server(offline_cli) -> None:  # type: ignore[no-untyped-def]
    result = offline_cli("--uri", "bolt://127.0.0.1:1", "stats")
    assert result.exit_code == 1
    assert result.stderr == ("Error: cannot reach the graph server at bolt://127.0.0.1:1: "
                             "is it running?\n")
    assert result.stdout == ""


def test_unsupported_uri_scheme(offline_cli) -> None:  # type: ignore[no-untyped-def]
    result = offline_cli("--uri", "http://localhost:7474", "stats")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: graph URI 'http://localhost:7474' must start with "
                                    "one of: bolt://")


@pytest.mark.parametrize("env_key", ["TECHKG_PASSWORD"])
def test_wrong_password(cli, backend: Settings, env_key: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("stats", env={env_key: "not-the-password"})
    assert result.exit_code == 1
    assert result.stderr == (f"Error: the graph server at {backend.uri} refused the credentials "
                             "(check TECHKG_USER / TECHKG_PASSWORD)\n")


def test_missing_database(cli, backend: Settings) -> None:  # type: ignore[no-untyped-def]
    result = cli("--database", "nosuchdb", "stats")
    assert result.exit_code == 1
    assert result.stderr == f"Error: database 'nosuchdb' does not exist on {backend.uri}\n"


def test_routing_scheme_works(cli, backend: Settings, graph) -> None:  # type: ignore[no-untyped-def]
    """neo4j:// (routing, as for a cluster or Aura) goes through the same code path."""
    routed = backend.uri.replace("bolt://", "neo4j://", 1)
    result = cli("--uri", routed, "cypher", "RETURN 1 AS one", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == "one\n1\n"


class QuietHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - base signature
        """No request log on stderr (the CLI's stderr is what the test compares)."""


@pytest.fixture
def http_server() -> Iterator[int]:
    """A tiny local HTTP server; yields its port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_bolt_uri_at_an_http_server_fails_fast(offline_cli, http_server: int) -> None:  # type: ignore[no-untyped-def]
    uri = f"bolt://127.0.0.1:{http_server}"
    result = offline_cli("--uri", uri, "stats")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"Error: the server at {uri} did not answer the Bolt handshake "
                             "within 3 s; is that a Bolt port?\n")


def test_bolt_uri_at_the_engine_http_port(cli, backend: Settings, local_engine: Settings) -> None:  # type: ignore[no-untyped-def]
    if backend is not local_engine:
        pytest.skip("the local engine's HTTP port")
    uri = f"bolt://127.0.0.1:{LOCAL_ENGINES[local_engine.uri].info().http_port}"
    result = cli("--uri", uri, "stats")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"Error: the server at {uri} answered HTTP, not Bolt: use its "
                             "Bolt port (usually 7687), not its web port\n")
