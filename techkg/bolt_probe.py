"""A bounded Bolt handshake, so a URI that points at the wrong port fails fast and clearly.

The driver, given an HTTP port, waits for its own timeouts before it reports an unreachable
server; one handshake with a short deadline tells what answered instead.
"""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

from techkg.errors import ConnectionFailed, ServerUnreachable

HANDSHAKE = bytes.fromhex("6060b017" "00080805" "00000404" "00000000" "00000000")
PLAIN_SCHEMES = ("bolt", "neo4j")  # TLS schemes are left to the driver
DEFAULT_PORT = 7687


def check(uri: str, timeout: float = 3.0) -> None:
    """Raise ConnectionFailed unless the server at a plain bolt:// or neo4j:// URI speaks Bolt."""
    parts = urlsplit(uri)
    if parts.scheme not in PLAIN_SCHEMES or not parts.hostname:
        return
    try:
        port = parts.port or DEFAULT_PORT
    except ValueError:
        raise ConnectionFailed(f"graph URI {uri!r} has an invalid port") from None
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout) as sock:
            sock.sendall(HANDSHAKE)
            answer = _read(sock, 4)
    except TimeoutError:
        raise ServerUnreachable(f"the server at {uri} did not answer the Bolt handshake within "
                               f"{timeout:g} s; is that a Bolt port?") from None
    except OSError:
        raise ServerUnreachable(f"cannot reach the graph server at {uri}: is it running?") \
            from None
    if answer.startswith(b"HTTP") or answer.startswith(b"H"):
        raise ConnectionFailed(f"the server at {uri} answered HTTP, not Bolt: use its Bolt port "
                               f"(usually {DEFAULT_PORT}), not its web port")
    if len(answer) < 4 or answer[0] != 0:
        raise ConnectionFailed(f"the server at {uri} does not speak Bolt "
                               "(it answered the handshake with something else)")


def _read(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            break
        data += chunk
    return data
