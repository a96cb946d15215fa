"""The graph schema is the truth about what the loader writes: every property of every
record is in it with its type, `always` properties are always there, and the docs match."""

from __future__ import annotations

from techkg.graph_schema import graph_schema

from .conftest import ROOT

PY_TYPES = {"string": str, "string[]": list, "int": int, "int[]": list, "boolean": bool}


def test_docs_table_is_generated_from_the_schema() -> None:
    text = (ROOT / "docs" / "graph-model.md").read_text("utf-8")
    block = text.split("<!-- graph-schema:start -->\n")[1].split("<!-- graph-schema:end -->")[0]
    assert block == graph_schema().markdown()


def follows_schema(where: str, props: dict, kind) -> None:  # type: ignore[no-untyped-def]
    """One record's properties: named in its kind, typed as the schema says, `always` there."""
    assert set(props) <= set(kind.names), (where, set(props) - set(kind.names))
    for p in kind.props:
        if p.always:
            assert p.name in props, (where, p.name)
        if p.name in props:
            assert isinstance(props[p.name], PY_TYPES[p.type]), (where, p.name, props[p.name])
            if p.type == "int[]":
                assert all(isinstance(x, int) for x in props[p.name]), (where, p.name)


def test_loaded_graph_follows_the_schema(loaded) -> None:  # type: ignore[no-untyped-def]
    schema = graph_schema()
    for label, kind in schema.nodes.items():
        rows = loaded.read(f"MATCH (n:{label}) RETURN properties(n) AS p").records
        assert rows or label == "Hub", label  # no entity here has 1,000 facts: test_hubs.py
        for r in rows:
            follows_schema(f"{label} {r['p'].get(kind.key)}", r["p"], kind)
    facts = loaded.read("MATCH (:Entity)-[r]->(:Entity) RETURN properties(r) AS p").records
    for r in facts:
        follows_schema("fact", r["p"], schema.relationships["fact"])
    mentions = loaded.read("MATCH (:Article)-[m:MENTIONS]->(:Entity) "
                           "RETURN properties(m) AS p").records
    assert mentions and all(r["p"] == {} for r in mentions)
    labels = " OR ".join(f"n:{label}" for label in schema.nodes)
    stray = loaded.read(f"MATCH (n) WHERE NOT ({labels}) RETURN count(n) AS n").records
    assert stray == [{"n": 0}]
