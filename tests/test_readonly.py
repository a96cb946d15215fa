"""Read-only means read-only: the server refuses writes on the read path, and the friendly
token-based check before it neither lets the known attacks through nor refuses honest reads."""

from __future__ import annotations

import pytest

from techkg import service
from techkg.errors import ReadOnlyViolation, TechKGError
from techkg.graph import Graph
from techkg.readonly import write_reason

from .conftest import DATA, snapshot

ARTICLES = ["--articles", str(DATA / "articles")]

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
REASONS = {
    "apoc.do.when": "a call of procedure apoc.do.when, which is not known to be read-only",
    "backticked apoc.merge.node": ("a call of procedure apoc.merge.node, which is not known to "
                                   "be read-only"),
    "CREATE after a CR-ended comment": "a CREATE clause",
    "refactor.mergeNodes": ("a call of procedure refactor.mergeNodes, which is not known to be "
                            "read-only"),
    "SET on an existing label": "a SET clause",
    "DETACH DELETE": "a DETACH clause",
    "MERGE of a known label": "a MERGE clause",
}


@pytest.fixture
def mini(cli, graph: Graph) -> Graph:  # type: ignore[no-untyped-def]
    result = cli("load", str(DATA / "extracts"), *ARTICLES)
    assert result.exit_code == 0, result.output
    return graph


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
    before = snapshot(mini)
    result = cli("cypher", ATTACKS[name])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"Error: read-only: this statement writes ({REASONS[name]}); "
                             "add --write\n")
    assert snapshot(mini) == before


def test_server_refusal_through_the_cli_is_one_line(cli, mini: Graph, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """With the check switched off, `techkg cypher` still cannot write: the server says no."""
    from techkg import readonly

    monkeypatch.setattr(readonly, "ensure_read_only", lambda text: None)
    monkeypatch.setattr(service, "ensure_read_only", lambda text: None)
    before = snapshot(mini)
    result = cli("cypher", "MATCH (n:Entity {id: 'jane-roe'}) SET n.name = 'Pwned' RETURN n.name")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: read-only: this statement writes; add --write\n"
    assert snapshot(mini) == before


def test_saved_query_path_is_server_enforced(mini: Graph, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A saved query that writes (were one ever shipped) is refused by the server too."""
    import dataclasses

    from techkg import queries

    writing = dataclasses.replace(queries.get("graph-stats"),
                                  text="CREATE (n:Pwn) RETURN 1 AS one")
    monkeypatch.setattr(service.queries, "get", lambda name: writing)
    monkeypatch.setattr(service, "ensure_read_only", lambda text: None)
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
    "RETURN {set: 1} AS m",
    "RETURN 'CREATE (n)' AS s // SET n.x = 1",
    "RETURN \"MERGE\" AS s /* DELETE */",
    "MATCH (n:Entity) RETURN n.set AS x, n.`delete` AS y",
    "MATCH (`create`:Entity) RETURN `create`.id AS id",
    "MATCH (n:Entity) WHERE n.name = $create RETURN n",
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.index.fulltext.queryNodes('entity_search', 'x') YIELD node RETURN node",
    "CALL () { MATCH (n:Entity) RETURN count(n) AS c } RETURN c",
    "CALL { MATCH (n) RETURN n } RETURN n",
    "SHOW INDEXES",
    "MATCH (a)-[r:CREATE]->(b) RETURN r",
    "RETURN 1 AS start, 2 AS stop",
])
def test_honest_reads_pass_the_check(query: str) -> None:
    assert write_reason(query) is None


@pytest.mark.parametrize(("query", "reason"), [
    ("create (n)", "a CREATE clause"),
    ("MATCH (n) // comment\rDETACH DELETE n", "a DETACH clause"),
    ("MATCH (n) // comment\u2028SET n.x = 1", "a SET clause"),
    ("RETURN 1 /* a */ UNION MATCH (n) REMOVE n.x RETURN 1", "a REMOVE clause"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", "a LOAD clause"),
    ("FOREACH (x IN [1] | CREATE (:A))", "a FOREACH clause"),
    ("INSERT (n:Pwn)", "an INSERT clause"),
    ("CALL dbms.security.createUser('x', 'y')",
     "a call of procedure dbms.security.createUser, which is not known to be read-only"),
    ("CALL  `db` . `create`.setNodeVectorProperty(n, 'p', [1])",
     "a call of procedure db.create.setNodeVectorProperty, which is not known to be read-only"),
    ("CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})",
     "a call of procedure apoc.periodic.iterate, which is not known to be read-only"),
    ("STOP DATABASE kg", "a STOP DATABASE command"),
    ("RETURN 'it''s' AS s CREATE (n)", "a CREATE clause"),
])
def test_writes_are_caught_by_the_check(query: str, reason: str) -> None:
    assert write_reason(query) == reason


def test_fresh_engine_reader_reads_types_made_after_it_started(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The reader group is in place before the engine's first boot: types that a load
    creates later are readable at once (a group added while the server ran was not)."""
    from techkg.engine import DATABASE, USER, LocalEngine
    from techkg.graph import Settings

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
