"""Apply `same` judgements to one article's planning input: ids merged into a canonical id.

A merged id's declaration becomes the article's declaration of the canonical id, marked
`merged_from` (so the node keeps the merged id in `merged_ids`, its name among the aliases,
and each article's provenance in its own Declaration record); claims are rewritten to the
canonical ends. The article's load key takes a digest of the merges that touch what it
declares, so a changed judgement changes exactly the keys of the articles it affects.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from techkg.loaders.extract.contributions import Declaration
from techkg.loaders.extract.judgements import Judgements
from techkg.loaders.sync.plan import ArticleInput


def merged_input(inp: ArticleInput, judgements: Judgements) -> ArticleInput:
    """`inp` with every merged id replaced by its canonical id (unchanged when no merge
    touches it). Two ids of one group in one article are an error `Judgements.check`
    reports; here the canonical's own declaration wins, so nothing crashes before that."""
    key = judgements.key(inp.decls)
    if not key:
        return inp
    into = judgements.merged_into()
    decls: dict[str, Declaration] = {}
    for e, d in inp.decls.items():
        c = into.get(e, e)
        if c != e:
            d = replace(d, merged_from=e)
        if c not in decls or c == e:
            decls[c] = d
    claims = {(into.get(s, s), t, into.get(o, o)): c for (s, t, o), c in inp.claims.items()}
    positions = {into.get(e, e): i for e, i in inp.positions.items()}
    load_key = hashlib.sha256(f"{inp.load_key}\0{key}".encode()).hexdigest()
    return replace(inp, decls=decls, claims=claims, positions=positions, load_key=load_key)
