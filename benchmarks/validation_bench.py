"""Validation at scale (a measurement, not a test): a synthetic corpus, then timings.

    python benchmarks/validation_bench.py --articles 1000 --facts 100

writes a corpus that follows the extract format into a temporary folder (40 entities per
article drawn with Zipf reuse from a shared pool, so some names recur in most articles;
every quote verbatim in a generated article text whose sha256 is recorded) and prints how
long YAML parsing alone and the whole `validate()` take.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import tempfile
import time
from pathlib import Path

WORDS = ("amber basin cedar delta ember falcon granite harbor indigo juniper kestrel lotus "
         "meridian nimbus orchid pioneer quartz raven summit tundra umbra vertex willow xenon "
         "yonder zephyr aurora beacon cobalt dynamo").split()
KINDS = [("University", "University"), ("ResearchInstitute", "Institute"),
         ("Company", "Technologies"), ("InnovationBase", "Innovation Base"),
         ("GovernmentBody", "Bureau"), ("Person", "")]
RELS = ["PARTNERS_WITH", "FUNDS", "PART_OF", "SIGNS_AGREEMENT_WITH", "VISITS"]


def pool(size: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(id, type, name) for `size` distinct entities with plausible, varied names."""
    out, seen = [], set()
    while len(out) < size:
        kind, suffix = rng.choice(KINDS)
        words = rng.sample(WORDS, 2) + [str(rng.randrange(1000))]
        name = " ".join(w.capitalize() for w in words) + (f" {suffix}" if suffix else "")
        slug = "-".join(name.lower().split())
        if slug not in seen:
            seen.add(slug)
            out.append((slug, kind, name))
    return out


def write_corpus(folder: Path, articles: int, facts: int, seed: int = 7) -> tuple[Path, Path]:
    """Extracts and article texts under `folder`; returns (extracts dir, articles dir)."""
    rng = random.Random(seed)
    entities = pool(max(50, articles * 9), rng)
    weights = [1 / (rank + 1) for rank in range(len(entities))]
    ext_dir, art_dir = folder / "extracts", folder / "articles"
    ext_dir.mkdir(parents=True)
    art_dir.mkdir()
    for a in range(articles):
        aid = f"syn_{a:05d}"
        chosen = list({e[0]: e for e in rng.choices(entities, weights, k=60)}.values())[:40]
        sentences, rels = [], []
        for f in range(facts):
            s, o = rng.sample(chosen, 2)
            rel = rng.choice(RELS)
            quote = f"In report {aid} item {f}, {s[2]} worked with {o[2]} on project {f}."
            sentences.append(quote)
            rels.append(f"  - subject: {s[0]}\n    type: {rel}\n    object: {o[0]}\n"
                        f"    evidence:\n      - \"{quote}\"\n")
        text = f"Synthetic article {aid}.\n" + "\n".join(sentences) + "\n"
        (art_dir / f"{aid}.txt").write_text(text, "utf-8")
        digest = hashlib.sha256(text.encode()).hexdigest()
        used = {r.split("subject: ")[1].split("\n")[0] for r in rels} | {
            r.split("object: ")[1].split("\n")[0] for r in rels}
        ents = "".join(f"  - id: {e[0]}\n    type: {e[1]}\n    name: {e[2]}\n"
                       for e in chosen if e[0] in used)
        (ext_dir / f"{aid}.yaml").write_text(
            f"article:\n  id: {aid}\n  title: Synthetic {aid}\n  publisher: Bench\n"
            f"  author: unknown\n  date: 2020\n  file: {aid}.txt\n  sha256: {digest}\n"
            f"entities:\n{ents}relationships:\n{''.join(rels)}", "utf-8")
    return ext_dir, art_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--facts", type=int, default=100)
    args = parser.parse_args()
    from techkg.loaders.extract import yaml_source
    from techkg.loaders.extract.cross_file import cross_file_issues
    from techkg.loaders.extract.validation import validate

    with tempfile.TemporaryDirectory() as tmp:
        ext_dir, art_dir = write_corpus(Path(tmp), args.articles, args.facts)
        files = sorted(ext_dir.glob("*.yaml"))
        size = sum(p.stat().st_size for p in files)
        # CPU seconds as well as wall seconds: on a shared machine the wall clock mostly
        # measures the neighbours
        w0, c0 = time.perf_counter(), time.process_time()
        for p in files:
            yaml_source.read_located(p)
        parse = (time.perf_counter() - w0, time.process_time() - c0)
        w0, c0 = time.perf_counter(), time.process_time()
        result = validate([ext_dir], art_dir)
        total = (time.perf_counter() - w0, time.process_time() - c0)
        c0 = time.process_time()
        cross_file_issues(result.extracts)
        cross = time.process_time() - c0
        print(f"{len(files)} extracts x {args.facts} facts ({size / 1e6:.1f} MB YAML): "
              f"parse {parse[1]:.1f} s CPU ({parse[0]:.1f} s wall), validate {total[1]:.1f} s "
              f"CPU ({total[0]:.1f} s wall) of which cross-file checks {cross:.1f} s CPU, "
              f"{len(result.errors)} errors, {len(result.warnings)} warnings shown")

if __name__ == "__main__":
    main()
