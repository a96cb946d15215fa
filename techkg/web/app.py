"""The explorer's ASGI app: routes, each page with its JSON twin at the same address plus
`.json`, the Host-header check, and strict security headers. Read-only by construction:
only GET routes, and every read goes through `Explorer` (saved queries on the read path)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from techkg.errors import ConnectionFailed, NotFound, TechKGError, UsageError
from techkg.graph import Graph
from techkg.web.pages import PAGE, Explorer
from techkg.web.templating import config, environment

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
HEADERS = {
    # scripts only from the app itself; data reaches them as JSON, never as code
    "content-security-policy": "default-src 'self'; script-src 'self'; "
                               "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; "
                               "frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
Handler = Callable[[Explorer, Request], Any]


def create_app(graph: Graph, hosts: Sequence[str] = LOCAL_HOSTS,
               articles: Path | None = None, most_drawn: int | None = None,
               most_facts: int | None = None) -> Starlette:
    """The app over one open graph; requests whose Host header is not in `hosts` get 400.
    `articles`: the folder of article texts, for showing quotes in context; `most_drawn`,
    `most_facts`: the most entities, and facts, a query's view draws (default
    `viz.MOST_DRAWN`, `viz.MOST_FACTS`)."""
    limits = {k: v for k, v in (("most_drawn", most_drawn), ("most_facts", most_facts)) if v}
    explorer = Explorer(graph, articles if articles and articles.is_dir() else None, **limits)
    routes = [
        *_twin("/", "home.html", lambda ex, rq: ex.home(), json_paths=("/.json", "/index.json")),
        *_twin("/search", "search.html", _search),
        Route("/entity/{id}.json", _json_route(_entity)),
        Route("/entity/{id}", _html_route("entity.html", _entity, canonical=_entity_url)),
        *_twin("/canvas", "canvas.html", _canvas),
        *_twin("/path", "path.html", _path),
        Route("/query/{name}.json", _json_route(_query_rows, cli_json=True)),
        Route("/query/{name}.csv", _csv_route),
        Route("/query/{name}", _html_route("query.html", _query)),
        *_twin("/sources", "sources.html", lambda ex, rq: ex.sources()),
        *_twin("/context", "context.html", _context),
        Mount("/static", StaticFiles(packages=[("techkg.web", "static")]), name="static"),
    ]
    app = Starlette(routes=routes, middleware=[
        Middleware(_SecurityHeaders),
        Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts), www_redirect=False)],
        exception_handlers={TechKGError: _error, HTTPException: _http_error})
    app.state.explorer = explorer
    return app


# -- page handlers: (explorer, request) -> data ----------------------------------------------
def _search(ex: Explorer, rq: Request) -> dict[str, Any]:
    return ex.search(rq.query_params.get("q", ""), _int(rq, "limit", 25))


def _entity(ex: Explorer, rq: Request) -> dict[str, Any]:
    return ex.entity(rq.path_params["id"], _int(rq, "skip", 0), _int(rq, "limit", PAGE))


def _entity_url(data: dict[str, Any], rq: Request) -> str | None:
    """Where a name or alias in the address redirects: the entity's id."""
    found = data["entity"]["id"]
    if rq.path_params["id"] == found:
        return None
    return f"/entity/{quote(found)}" + (f"?{rq.url.query}" if rq.url.query else "")


def _canvas(ex: Explorer, rq: Request) -> dict[str, Any]:
    ids = [i for i in rq.query_params.get("ids", "").split(",") if i]
    return ex.canvas(ids)


def _path(ex: Explorer, rq: Request) -> dict[str, Any]:
    a, b = rq.query_params.get("a", "").strip(), rq.query_params.get("b", "").strip()
    statuses = rq.query_params.get("statuses", "counted") or "counted"
    max_hops = _int(rq, "max_hops", 4)
    if not a or not b:
        return {"a": a, "b": b, "max_hops": max_hops, "statuses": statuses, "paths": None,
                "rows": [], "view": {"nodes": [], "edges": []}}
    return ex.path(a, b, max_hops, statuses)


def _context(ex: Explorer, rq: Request) -> dict[str, Any]:
    ids = [i for i in rq.query_params.get("articles", "").split(",") if i]
    return ex.context(ids, rq.query_params.get("quote", ""))


def _given(rq: Request) -> dict[str, str]:
    return {k: v for k, v in rq.query_params.items() if k != "download"}


def _query(ex: Explorer, rq: Request) -> dict[str, Any]:
    return ex.query(rq.path_params["name"], _given(rq))


def _query_rows(ex: Explorer, rq: Request) -> Any:
    return ex.rows(rq.path_params["name"], _given(rq))


def _int(rq: Request, key: str, default: int) -> int:
    raw = rq.query_params.get(key)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError:
        raise UsageError(f"{key} must be a whole number, got {raw!r}") from None


# -- routes ------------------------------------------------------------------------------------
def _twin(path: str, template: str, handler: Handler,
          json_paths: tuple[str, ...] | None = None) -> list[Route]:
    """A page and its JSON twin (`path` + `.json`)."""
    return [*(Route(p, _json_route(handler)) for p in (json_paths or (f"{path}.json",))),
            Route(path, _html_route(template, handler))]


def _json_route(handler: Handler, cli_json: bool = False) -> Callable[[Request], Response]:
    def endpoint(rq: Request) -> Response:
        data = handler(rq.app.state.explorer, rq)
        if cli_json:  # a query's rows, byte for byte as `techkg query NAME --format json`
            from techkg.query.formats import render

            return _text(render(data.columns, data.records, "json"), "application/json")
        return _text(json.dumps(data, ensure_ascii=False, indent=2), "application/json")
    return endpoint


def _html_route(template: str, handler: Handler,
                canonical: Callable[[Any, Request], str | None] | None = None
                ) -> Callable[[Request], Response]:
    def endpoint(rq: Request) -> Response:
        data = handler(rq.app.state.explorer, rq)
        if canonical and (where := canonical(data, rq)):
            return RedirectResponse(where, status_code=303)
        return _page(rq, template, data)
    return endpoint


def _csv_route(rq: Request) -> Response:
    """`techkg query NAME --format csv`, byte for byte, as a download."""
    from techkg.query.formats import render

    name = rq.path_params["name"]
    rows = rq.app.state.explorer.rows(name, _given(rq))
    response = _text(render(rows.columns, rows.records, "csv"), "text/csv; charset=utf-8")
    response.headers["content-disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _text(body: str, media_type: str) -> Response:
    return Response(body + "\n", media_type=media_type)


def _page(rq: Request, template: str, data: Any, status: int = 200) -> HTMLResponse:
    """A page: the template with its data, which also travels to the page's script as JSON."""
    path = rq.url.path
    twin = None if template == "error.html" else (
        "/.json" if path == "/" else f"{path}.json") + (f"?{rq.url.query}" if rq.url.query
                                                          else "")
    context = rq.app.state.explorer.articles is not None
    page = {"mode": "server", "data": data, "config": config(), "path": path,
            "context": context}
    html = environment().get_template(template).render(
        data=data, page=page, twin=twin, request_path=path, query=rq.query_params,
        urlencode=urlencode, quote=quote, context=context)
    return HTMLResponse(html, status_code=status)


# -- errors and headers ---------------------------------------------------------------------
def _status(exc: TechKGError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, UsageError):
        return 400
    if isinstance(exc, ConnectionFailed):
        return 503
    return 500


def _error(rq: Request, exc: Exception) -> Response:
    status = _status(exc) if isinstance(exc, TechKGError) else 500
    return _failure(rq, str(exc), status)


def _http_error(rq: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return _failure(rq, exc.detail or "error", exc.status_code)


def _failure(rq: Request, message: str, status: int) -> Response:
    if rq.url.path.endswith((".json", ".csv")):
        return Response(json.dumps({"error": message}, ensure_ascii=False) + "\n",
                        status_code=status, media_type="application/json")
    looked_up = rq.path_params.get("id") if rq.url.path.startswith("/entity/") else None
    return _page(rq, "error.html", {"error": message, "status": status, "search": looked_up},
                 status)


class _SecurityHeaders:
    """Adds HEADERS to every response (a pure ASGI wrapper: streaming stays untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"],
                                      *((k.encode(), v.encode()) for k, v in HEADERS.items())]
            await send(message)

        await self.app(scope, receive, wrapped)
