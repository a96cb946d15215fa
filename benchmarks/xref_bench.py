"""xref precision and recall at the top N on a generated corpus with planted variants.

    python benchmarks/xref_bench.py [--bodies 3000] [--articles 800] [--variants 50] [--top 50]

The corpus (tests/planted.py) declares each body under one id in a few articles; for
`--variants` bodies one more article declares it under another id and a variant name
(spelling slip, acronym, another rendering with the same Chinese name, words in another
order), and `--namesakes` other bodies share a body's name with another type or country.
Precision at N: the share of xref's top N pairs that are planted variants; recall at N: the
share of planted variants among them (so with 50 variants and N = 50 both can reach 1).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from techkg.loaders.extract.xref import xref  # noqa: E402
from tests.planted import generate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--bodies", type=int, default=3000)
    ap.add_argument("--articles", type=int, default=800)
    ap.add_argument("--per-article", type=int, default=10)
    ap.add_argument("--variants", type=int, default=50)
    ap.add_argument("--namesakes", type=int, default=50)
    ap.add_argument("--top", type=int, default=50)
    args = ap.parse_args()
    corpus = generate(args.seed, bodies=args.bodies, articles=args.articles,
                      per_article=args.per_article, variants=args.variants,
                      namesakes=args.namesakes)
    gold = {frozenset(p): k for p, k in corpus.variants.items()}
    namesakes = {frozenset(p) for p in corpus.namesakes}
    with tempfile.TemporaryDirectory() as tmp:
        files = corpus.write(Path(tmp) / "extracts")
        entities = sum(len(x["entities"]) for x in corpus.extracts.values())
        start = time.perf_counter()
        top = xref([Path(tmp) / "extracts"], args.top)
        took = time.perf_counter() - start
    pairs = [frozenset((c.a, c.b)) for c in top]
    hits = [p for p in pairs if p in gold]
    found = Counter(gold[p] for p in hits)
    planted = Counter(gold.values())
    print(f"corpus: {len(files)} extracts, {entities} entity declarations, "
          f"{len(gold)} planted variants, {len(namesakes)} planted namesakes (seed {args.seed})")
    print(f"xref top {args.top}: precision {len(hits) / max(len(pairs), 1):.2f}, "
          f"recall {len(hits) / max(len(gold), 1):.2f}, namesakes listed "
          f"{sum(p in namesakes for p in pairs)}, {took:.1f} s")
    print("recall by kind: " + ", ".join(f"{k} {found[k]}/{planted[k]}" for k in sorted(planted)))


if __name__ == "__main__":
    main()
