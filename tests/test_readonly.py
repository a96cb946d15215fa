"""Read-only means read-only: the server refuses every write on the read path, and nothing
on the client second-guesses it (a token check there refused honest reads such as
`MATCH (set:Entity)` and let a variable named `as` through)."""

from __future__ import annotations

import pytest

from techkg.errors import ReadOnlyViolation, TechKGError
from techkg.graph import Graph
from techkg.query import service

from .conftest import snapshot

# each of these wrote to the graph through `techkg cypher` without --write
ATTACKS = {
    "apoc.do.when": "CALL apoc.do.when(true,'CREATE (n:Pwn)','',{})",
    "backticked apoc.merge.node": "CALL `apoc`.`merge`.`node`(['Pwn'],{k:1})",
    "CREATE after a CR-ended comment": "// just a comment\rCREATE (n:Pwn) RETURN n",
    "refactor.mergeNodes": ("MATCH (a:Entity {id: 'gamma-lab'}), (b:Entity {id: 'beta-university'})"
                            " CALL refactor.mergeNodes([a,b]) YIELD node RETURN node"),
    "SET on an existing label": "MATCH (n:Entity {id: 'jane-roe'}) SET n.pwned = true RETURN n",
    "DETACH DELETE": "MATCH (n:Entity {id: 'jane-roe'}) DETACH DELETE n",
    "MERGE of a known label": "MERGE (n:Entity {id: 'pwn'}) RETURN n",
}
# writes the former client-side check caught; the server refuses them as well
MORE_WRITES = {
    "SET through a variable named as": "MATCH (as:Entity {id: 'jane-roe'}) SET as.pwned = true",
    "REMOVE after UNION": "RETURN 1 AS x UNION MATCH (n:Entity) REMOVE n.name RETURN 1 AS x",
    "FOREACH": "FOREACH (x IN [1] | CREATE (:Pwn))",
    "createUser": "CALL dbms.security.createUser('x', 'y')",
    "CREATE after a string with a quote": "RETURN 'it''s' AS s CREATE (n:Pwn)",
}



@pytest.mark.parametrize("name", ATTACKS)
def test_server_refuses_writes_on_the_read_path(mini: Graph, name: str) -> None:
    """The keyword check is bypassed: the statement goes straight to the read path."""
    before = snapshot(mini)
    with pytest.raises(TechKGError) as refused:
        mini.read(ATTACKS[name])
    if "no procedure" not in str(refused.value):  # Neo4j without APOC: nothing to call
        assert type(refused.value) is ReadOnlyViolation
        assert str(refused.value) == "read-only: this statement writes"
    assert snapshot(mini) == before


@pytest.mark.parametrize("name", ATTACKS)
def test_cypher_without_write_refuses_attacks(cli, mini: Graph, name: str) -> None:  # type: ignore[no-untyped-def]
    """`techkg cypher` without --write sends the statement to the read path: the server says
    no, in one line, and the graph is unchanged."""
    before = snapshot(mini)
    result = cli("cypher", ATTACKS[name])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: read-only: this statement writes; add --write\n"
    assert snapshot(mini) == before


@pytest.mark.parametrize("name", MORE_WRITES)
def test_server_refuses_other_writes(cli, mini: Graph, name: str) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(mini)
    result = cli("cypher", MORE_WRITES[name])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert snapshot(mini) == before


def test_saved_query_path_is_server_enforced(mini: Graph, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A saved query that writes (were one ever shipped) is refused by the server too."""
    import dataclasses

    from techkg.query import catalogue as queries

    writing = dataclasses.replace(queries.get("graph-stats"),
                                  text="CREATE (n:Pwn) RETURN 1 AS one")
    monkeypatch.setattr(service.queries, "get", lambda name: writing)
    before = snapshot(mini)
    with pytest.raises(ReadOnlyViolation):
        service.run_saved(mini, "graph-stats")
    assert snapshot(mini) == before


def test_writes_still_work_with_write(cli, mini: Graph) -> None:  # type: ignore[no-untyped-def]
    result = cli("cypher", "--write", "CALL apoc.merge.node(['Pwn'], {k: 1}) YIELD node "
                 "RETURN node.k AS k", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == "k\n1\n"
    assert mini.read("MATCH (n:Pwn) RETURN n.k AS k").records == [{"k": 1}]
    assert mini.write("MATCH (n:Pwn) DELETE n RETURN count(*) AS n").records == [{"n": 1}]


@pytest.mark.parametrize("query", [
    "MATCH (n:Entity) RETURN n.id AS create",
    "MATCH (set:Entity) RETURN count(set) AS n",
    "MATCH (n:Entity) WITH n AS as RETURN count(as) AS n",
    "RETURN {set: 1} AS m",
    "RETURN 'CREATE (n)' AS s // SET n.x = 1",
    "RETURN \"MERGE\" AS s /* DELETE */",
    "MATCH (n:Entity) RETURN n.set AS x, n.`delete` AS y",
    "MATCH (`create`:Entity) RETURN `create`.id AS id",
    "MATCH (n:Entity) WHERE n.name = $create RETURN n",
    "CALL db.labels() YIELD label RETURN label",
    "CALL () { MATCH (n:Entity) RETURN count(n) AS c } RETURN c",
    "MATCH (a)-[r:CREATE]->(b) RETURN r",
    "RETURN 1 AS start, 2 AS stop",
])
def test_honest_reads_run(cli, mini: Graph, query: str) -> None:  # type: ignore[no-untyped-def]
    """Every valid read runs: nothing refuses it before the server sees it."""
    given = ["-p", "create=nobody"] if "$create" in query else []  # unused ones are refused
    result = cli("cypher", query, *given, "-f", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_fresh_engine_reader_reads_types_made_after_it_started(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The reader group is in place before the engine's first boot: types that a load
    creates later are readable at once (a group added while the server ran was not)."""
    from techkg.graph import Settings
    from techkg.local.engine import DATABASE, USER, LocalEngine

    engine = LocalEngine(tmp_path / "home")
    info = engine.start()
    try:
        settings = Settings(info.uri, USER, engine.password(), DATABASE,
                            read_user="reader", read_password=engine.reader_password())
        with Graph(settings) as g:
            g.write("CREATE (:Entity:Person {id: 'new-type'})")
            assert g.read("MATCH (n:Person) RETURN n.id AS id").records == [{"id": "new-type"}]
            with pytest.raises(ReadOnlyViolation):
                g.read("MATCH (n:Person) SET n.x = 1")
            assert g.read("MATCH (n:Person) RETURN n.x AS x").records == [{"x": None}]
    finally:
        engine.stop()
