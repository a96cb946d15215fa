"""`techkg serve`: the local explorer in the browser (search, entity pages, an expandable
canvas whose every edge opens its evidence, paths, saved queries, sources).

The one entry point is `serve`; `create_app` gives the ASGI app (tests drive it directly).
"""

from __future__ import annotations

import socket
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

from techkg.graph import Graph
from techkg.query import service
from techkg.web.app import LOCAL_HOSTS, create_app
from techkg.web.viz import write as write_viz

__all__ = ["create_app", "is_empty", "listen", "serve", "write_viz"]


def is_empty(graph: Graph) -> bool:
    """True when the graph holds no entity (the home page then says how to load one)."""
    return not service.run_saved(graph, "any-entity").records


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: a free one), bound before the URL is told."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    return sock


def url_of(sock: socket.socket, host: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{sock.getsockname()[1]}/"


def allowed_hosts(host: str) -> list[str]:
    """Host headers the app answers: the local names, plus the bound host and this
    machine's names when bound elsewhere (a page served under any other name is refused,
    which stops DNS-rebinding attacks)."""
    hosts = list(LOCAL_HOSTS)
    if host not in hosts:
        hosts += [host, socket.gethostname(), socket.getfqdn()]
    return hosts


def serve(graph: Graph, host: str = "127.0.0.1", port: int = 0, open_browser: bool = False,
          say: Callable[[str], None] = print, articles: Path | None = None) -> None:
    """Serve the explorer until interrupted (Ctrl-C stops uvicorn, which then returns)."""
    import uvicorn

    sock = listen(host, port)
    url = url_of(sock, host)
    app = create_app(graph, allowed_hosts(host), articles)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False,
                                           lifespan="off", server_header=False))
    try:
        say(f"techkg explorer: {url}  (Ctrl-C stops it)")
        if open_browser:
            threading.Timer(0.5, webbrowser.open, [url]).start()
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn shuts down, then passes the Ctrl-C on: done
        pass
    finally:
        sock.close()
