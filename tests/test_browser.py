"""Neo4j Browser assets are generated from the vocabulary and the saved queries."""

from __future__ import annotations

from techkg.export.browser import grass, guide_html, shipped
from techkg.query import catalogue as queries
from techkg.vocabulary import vocabulary


def test_shipped_style_and_guide_are_current() -> None:
    assert shipped("style.grass") == grass(), "regenerate: python scripts/regen_docs.py"
    assert shipped("guide.html") == guide_html()


def test_style_has_every_type_colour() -> None:
    style = grass()
    for t in vocabulary().entity_types.values():
        assert f"node.{t.label} {{\n  color: {t.color};" in style
    assert 'caption: "{caption}";' in style


def test_guide_has_a_runnable_card_per_question_and_none_for_helpers() -> None:
    guide = guide_html()
    # `connection` needs the path the CLI computes hop by hop: no Browser card
    names = [q for q in queries.questions() if q != "connection"]
    assert "<h3>connection</h3>" not in guide
    for name in names:
        assert f"<h3>{name}</h3>" in guide
    helpers = [q.name for q in queries.catalogue().values() if q.internal]
    assert "entity-names" in helpers
    assert [name for name in helpers if f"<h3>{name}</h3>" in guide] == []
    assert guide.count('<slide class="row-fluid">') == len(names) + 1
    assert ':param entity =&gt; &quot;Suzhou Industrial Park&quot;' in guide


def test_browser_command(offline_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = offline_cli("browser", "--write-assets", str(tmp_path))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # the default engine has no visual browser: the explorer comes first
    assert lines[:3] == [
        "The local engine has no visual browser of its own; explore the graph with:",
        "  techkg serve                   (search, entity pages, a canvas whose every edge",
        "                                  opens its evidence, paths, saved queries)"]
    neo4j = lines.index("Neo4j Browser: http://localhost:7474/browser/")
    assert lines[neo4j + 1] == "Connect URL:   bolt://localhost:7687"
    assert "     or type:  :play http://localhost:8001/guide.html" in lines
    assert (tmp_path / "style.grass").read_text() == grass()
    remote = offline_cli("--uri", "neo4j+s://db.example.org", "browser")
    assert "techkg serve" not in remote.stdout  # Neo4j users keep Browser
    assert remote.stdout.splitlines()[:2] == [
        "Neo4j Browser: http://db.example.org:7474/browser/",
        "Connect URL:   neo4j+s://db.example.org"]


def test_relationship_caption_shows_status(loaded) -> None:  # type: ignore[no-untyped-def]
    rows = loaded.read("MATCH (:Entity {id: 'li-baoding-official'})-[r:MEETS_WITH]->"
                       "(:Entity {id: 'luxena-pharmaceuticals'}) RETURN r.caption AS c").records
    assert rows == [{"c": "MEETS_WITH [denied]"}]
