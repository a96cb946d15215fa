"""Exports other tools read: FollowTheMoney JSON lines, neo4j-admin import CSV, GraphML.

Everything is read through the Graph with plain queries, then written sorted, so the same
graph always gives byte-identical files.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from techkg.csv_layout import ARRAY_DELIMITER, NODE_FILES, REL_FILES, encode
from techkg.errors import TechKGError
from techkg.graph import Graph
from techkg.vocabulary import vocabulary

FORMATS = ("ftm", "csv", "graphml")
# FollowTheMoney link schemata: (property for the subject, property for the object)
FTM_SIDES = {"UnknownLink": ("subject", "object"), "Membership": ("member", "organization"),
             "Employment": ("employee", "employer"), "Directorship": ("director", "organization"),
             "Ownership": ("owner", "asset"), "Payment": ("payer", "beneficiary")}
NODE_PROPS = ["id", "name", "type", "name_zh", "country", "description", "aliases",
              "characterizations", "sources"]
REL_PROPS = ["status", "source_count", "sources", "statuses", "evidence", "evidence_sources",
             "date", "start", "end", "role"]


def read_graph(graph: Graph) -> tuple[list[dict], list[dict], dict[str, dict]]:
    """(entities, facts, articles) as plain dicts, sorted."""
    nodes = graph.read("MATCH (n:Entity) RETURN properties(n) AS p ORDER BY n.id").records
    rels = graph.read("MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS s, type(r) AS t, "
                      "b.id AS o, properties(r) AS p ORDER BY s, t, o").records
    arts = graph.read("MATCH (x:Article) RETURN properties(x) AS p ORDER BY x.id").records
    entities = [{k: r["p"].get(k) for k in NODE_PROPS} for r in nodes]
    facts = [{"subject": r["s"], "type": r["t"], "object": r["o"],
              **{k: r["p"].get(k) for k in REL_PROPS}} for r in rels]
    return entities, facts, {a["p"]["id"]: a["p"] for a in arts}


def export(graph: Graph, fmt: str, out: Path) -> dict[str, int]:
    """Write the graph in `fmt` to `out` (a file, or a directory for csv); counts written."""
    entities, facts, articles = read_graph(graph)
    if fmt == "ftm":
        write_ftm(entities, facts, articles, out)
    elif fmt == "csv":
        write_csv(graph, out)
    elif fmt == "graphml":
        write_graphml(entities, facts, out)
    else:
        raise TechKGError(f"unknown export format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    return {"entities": len(entities), "relationships": len(facts)}


def _fact_id(f: dict) -> str:
    return "fact-" + hashlib.sha1(f"{f['subject']}|{f['type']}|{f['object']}".encode()).hexdigest()


def ftm_entities(entities: list[dict], facts: list[dict], articles: dict) -> list[dict]:
    """FollowTheMoney entity dicts: one per entity, one link entity per fact."""
    v = vocabulary()
    out: list[dict] = []

    def publishers(sources: list[str]) -> list[str]:
        return sorted({articles[s].get("publisher", s) for s in sources if s in articles})

    def titles(sources: list[str]) -> list[str]:
        return [f"{s}: {articles.get(s, {}).get('title', '')}" for s in sources]

    for e in entities:
        props: dict[str, list[str]] = {"name": [e["name"]], "alias": list(e["aliases"] or [])}
        if e["name_zh"]:
            props["alias"].append(e["name_zh"])
        if e["country"]:
            props["country"] = [e["country"]]
        if e["description"]:
            props["description"] = [e["description"]]
        props["keywords"] = [e["type"], *(e["characterizations"] or [])]
        props["publisher"] = publishers(e["sources"] or [])
        props["notes"] = titles(e["sources"] or [])
        schema = v.entity_types[e["type"]].ftm
        if schema == "Address":
            props["full"] = [e["name"]]
        out.append({"id": e["id"], "schema": schema,
                    "properties": {k: vals for k, vals in props.items() if vals}})
    for f in facts:
        schema = v.relationship_types[f["type"]].ftm
        subj, obj = FTM_SIDES[schema]
        props = {subj: [f["subject"]], obj: [f["object"]],
                 "summary": [f"{f['type']} ({f['status']})"],
                 "description": list(f["evidence"] or []),
                 "publisher": publishers(f["sources"] or []),
                 "recordId": list(f["sources"] or [])}
        if f["role"] and schema != "Payment":
            props["role"] = [f["role"]]
        for key, prop in (("date", "date"), ("start", "startDate"), ("end", "endDate")):
            if f[key]:
                props[prop] = [f[key]]
        out.append({"id": _fact_id(f), "schema": schema, "properties": props})
    return out


def write_ftm(entities: list[dict], facts: list[dict], articles: dict, out: Path) -> None:
    lines = [json.dumps(e, ensure_ascii=False, sort_keys=True)
             for e in ftm_entities(entities, facts, articles)]
    out.write_text("\n".join(lines) + "\n", "utf-8")


def write_csv(graph: Graph, out: Path) -> dict[str, int]:
    """Every record of the graph, one CSV file per kind (techkg.csv_layout), sorted by key:
    `import-csv` restores exactly this graph."""
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for nf in NODE_FILES:
        kind = nf.kind
        rows = graph.read(f"MATCH (n:{nf.label}) RETURN labels(n) AS l, properties(n) AS p "
                          f"ORDER BY n.{kind.key}").records
        with open(out / nf.file, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(nf.header())
            for r in rows:
                p = r["p"]
                where = f"{nf.label} {p.get(kind.key)!r}"
                _check_known(where, p, kind.names)
                labels = sorted(r["l"], key=lambda lb: (lb != nf.label, lb))
                w.writerow([p[kind.key], ARRAY_DELIMITER.join(labels)]
                           + [encode(where, q.name, q.type, p.get(q.name))
                              for q in kind.props if q.name != kind.key])
        counts[nf.label] = len(rows)
    for rf in REL_FILES:
        kind = rf.kind
        rows = graph.read(f"MATCH (a:{rf.start})-[r]->(b:{rf.end}) "
                          + ("WHERE type(r) = 'MENTIONS' " if rf.kind_name == "MENTIONS"
                             else "WHERE type(r) <> 'MENTIONS' ")
                          + "RETURN a.id AS s, type(r) AS t, b.id AS o, properties(r) AS p "
                          "ORDER BY s, t, o").records
        with open(out / rf.file, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(rf.header())
            for r in rows:
                where = f"relationship {r['s']}-[{r['t']}]->{r['o']}"
                _check_known(where, r["p"], kind.names)
                w.writerow([r["s"], r["o"], r["t"]]
                           + [encode(where, q.name, q.type, r["p"].get(q.name))
                              for q in kind.props])
        counts[rf.kind_name] = len(rows)
    return counts


def _check_known(where: str, props: dict[str, Any], names: list[str]) -> None:
    extra = sorted(set(props) - set(names))
    if extra:
        raise TechKGError(f"{where}: properties {', '.join(extra)} are not in the graph schema "
                          "(techkg/graph_schema.yaml); the CSV export would lose them")


def write_graphml(entities: list[dict], facts: list[dict], out: Path) -> None:
    """GraphML for Gephi and networkx; lists become ' | '-joined strings."""
    node_keys = [c for c in NODE_PROPS if c != "id"]
    edge_keys = ["type"] + REL_PROPS

    def text(value: Any) -> str:
        if isinstance(value, list):
            return " | ".join(str(v) for v in value)
        return "" if value is None else str(value)

    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">']
    for k in node_keys:
        lines.append(f'  <key id="n_{k}" for="node" attr.name="{k}" attr.type="string"/>')
    for k in edge_keys:
        lines.append(f'  <key id="e_{k}" for="edge" attr.name="{k}" attr.type="string"/>')
    lines.append('  <graph id="techkg" edgedefault="directed">')
    for e in entities:
        lines.append(f"    <node id={quoteattr(e['id'])}>")
        lines += [f'      <data key="n_{k}">{escape(text(e[k]))}</data>' for k in node_keys
                  if e[k] not in (None, [])]
        lines.append("    </node>")
    for f in facts:
        lines.append(f"    <edge id={quoteattr(_fact_id(f))} source={quoteattr(f['subject'])} "
                     f"target={quoteattr(f['object'])}>")
        lines += [f'      <data key="e_{k}">{escape(text(f[k]))}</data>' for k in edge_keys
                  if f[k] not in (None, [])]
        lines.append("    </edge>")
    lines += ["  </graph>", "</graphml>"]
    out.write_text("\n".join(lines) + "\n", "utf-8")
