"""Neo4j Browser assets generated from the project's own data: a GraSS style from the
vocabulary and a guide whose cards are the saved queries (so neither can drift)."""

from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

from techkg.query import catalogue as queries
from techkg.settings import env
from techkg.vocabulary import vocabulary

GUIDE_PORT = 8001
ASSETS = ("style.grass", "guide.html")


def _darker(color: str) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(int(c * 0.8) for c in (r, g, b)))


def grass() -> str:
    """Browser style: one colour per entity type, captions on name, arrows captioned with
    the relationship's `caption` property (type plus status when not plainly reported)."""
    lines = ["node {", "  diameter: 50px;", "  color: #A5ABB6;", "  border-color: #9AA1AC;",
             "  border-width: 2px;", "  text-color-internal: #FFFFFF;", "  font-size: 10px;",
             '  caption: "{name}";', "}", "",
             "relationship {", "  color: #A5ABB6;", "  shaft-width: 1px;", "  font-size: 8px;",
             "  padding: 3px;", "  text-color-external: #000000;",
             "  text-color-internal: #FFFFFF;", '  caption: "{caption}";', "}", "",
             "node.Article {", "  color: #FFFFFF;", "  border-color: #888888;",
             "  text-color-internal: #333333;", '  caption: "{id}";', "}", ""]
    for t in vocabulary().entity_types.values():
        lines += [f"node.{t.label} {{", f"  color: {t.color};",
                  f"  border-color: {_darker(t.color)};", "  text-color-internal: #FFFFFF;",
                  '  caption: "{name}";', "}", ""]
    lines += ["relationship.MENTIONS {", "  color: #DDDDDD;", "  caption: \"<type>\";", "}", ""]
    return "\n".join(lines)


def _param_line(p: queries.Param) -> str | None:
    examples = {"entity": "Suzhou Industrial Park", "id": "suzhou-industrial-park",
                "a": "catherine-zhou", "b": "suzhou-industrial-park", "text": "harvard",
                "lucene": "*harvard*"}
    value = p.default if not p.required else examples.get(p.name)
    if p.type == "entity" and p.required:
        value = examples.get(p.name, "suzhou-industrial-park")
    if isinstance(value, list):
        return f":param {p.name} => {value!r}".replace("'", '"')
    if isinstance(value, str):
        return f':param {p.name} => "{value}"'
    return f":param {p.name} => {'null' if value is None else value}"


def guide_html() -> str:
    """A Neo4j Browser guide: what the graph holds, then one slide per saved question (the
    helpers the commands run are not questions; `techkg queries` lists the same)."""
    v = vocabulary()
    types = "".join(f"<li><b>{html.escape(t.label)}</b>: {html.escape(t.description)}</li>"
                    for t in v.entity_types.values())
    slides = [f"""<slide class="row-fluid">
  <div class="col-sm-3"><h3>techkg</h3>
  <p class="lead">A knowledge graph of how the PRC acquires foreign technology, built from
  published articles. Every fact carries its sources and verbatim evidence.</p></div>
  <div class="col-sm-9"><p>Nodes: <code>Entity</code> plus one type label; <code>Article</code>
  nodes <code>MENTIONS</code> the entities they name. Relationships carry <code>sources</code>,
  <code>evidence</code>, <code>status</code> and dates. Entity types:</p><ul>{types}</ul>
  <p>The next slides are the saved questions. Entity parameters take ids here (the CLI also
  accepts names).</p></div>
</slide>"""]
    for q in queries.questions().values():
        if q.computed:  # computed inputs need the CLI
            continue
        params = [line for p in q.params if (line := _param_line(p))]
        params += [f":param {k} => {json.dumps(v)}" for k, v in q.injected().items()]
        body = "\n".join(ln for ln in q.cypher.splitlines() if not ln.startswith("//"))
        runnable = '<pre class="pre-scrollable code runnable">'
        param_block = f"{runnable}{html.escape(chr(10).join(params))}</pre>" if params else ""
        slides.append(f"""<slide class="row-fluid">
  <div class="col-sm-3"><h3>{html.escape(q.name)}</h3>
  <p class="lead">{html.escape(q.description)}</p></div>
  <div class="col-sm-9">{param_block}
  {runnable}{html.escape(body.strip())}</pre></div>
</slide>""")
    return ('<article class="guide">\n<carousel class="deck container-fluid">\n'
            + "\n".join(slides) + "\n</carousel>\n</article>\n")


def shipped(name: str) -> str:
    return resources.files("techkg").joinpath("browser", name).read_text("utf-8")


def write_assets(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in (("style.grass", grass()), ("guide.html", guide_html())):
        (folder / name).write_text(text, "utf-8")
        out.append(folder / name)
    return out


def instructions(uri: str | None) -> str:
    """What to type to browse the graph: on the local engine (no URI), which has no visual
    browser of its own, the explorer first; then Neo4j Browser (compose stack by default)."""
    local = [] if uri else [
        "The local engine has no visual browser of its own; explore the graph with:",
        "  techkg serve                   (search, entity pages, a canvas whose every edge",
        "                                  opens its evidence, paths, saved queries)",
        "",
        "Or run Neo4j with Docker and use Neo4j Browser (set TECHKG_URI for it):",
        ""]
    host = "localhost"
    if uri and urlparse(uri).hostname not in (None, "127.0.0.1", "localhost"):
        host = urlparse(uri).hostname or host
    bolt = uri or f"bolt://{host}:7687"
    user = env("TECHKG_USER") or "neo4j"
    return "\n".join([
        *local,
        f"Neo4j Browser: http://{host}:7474/browser/",
        f"Connect URL:   {bolt}",
        f"User:          {user} (password: NEO4J_PASSWORD from your .env)",
        "",
        "Steps:",
        "  1. docker compose up -d          (Neo4j, and the guide server on port "
        f"{GUIDE_PORT})",
        "  2. techkg load                   (with TECHKG_URI/USER/PASSWORD set for Neo4j)",
        f"  3. open http://{host}:7474/browser/ and connect; the guide opens by itself,",
        f"     or type:  :play http://{host}:{GUIDE_PORT}/guide.html",
        "  4. style:    drag techkg/browser/style.grass onto the Browser window",
        f"     (also served at http://{host}:{GUIDE_PORT}/style.grass)",
        "  5. try:      MATCH p=(:InnovationBase {id: 'suzhou-industrial-park'})--() RETURN p",
    ])
