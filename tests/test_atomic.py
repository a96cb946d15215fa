"""All or nothing: `kill -9` of a real `techkg load --rebuild` while it writes leaves the old
graph (the wipe and the load are one transaction), never an empty or half-written one."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import DATA, EXTRACTS, env_for, snapshot

MINI = DATA / "extracts"


def rebuild(backend, *extra: str) -> subprocess.Popen:  # type: ignore[no-untyped-def]
    return subprocess.Popen(
        [sys.executable, "-m", "techkg.cli.app", "load", "--rebuild", "--progress",
         str(EXTRACTS), *extra],
        env={**os.environ, **env_for(backend)}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("batches", [1, 4, 12])
def test_kill_during_rebuild_leaves_the_old_graph(cli, graph, backend, batches: int) -> None:  # type: ignore[no-untyped-def]
    assert cli("load", str(MINI), "--articles", str(DATA / "articles")).exit_code == 0
    old = snapshot(graph)
    proc = rebuild(backend)
    seen = []
    assert proc.stderr is not None
    for line in proc.stderr:
        seen.append(line)
        if line.startswith("load: written") and len(seen) - 2 >= batches:
            break  # that many batches sent, the commit not yet asked for
    assert not any(s.startswith("load: committed") for s in seen), seen
    proc.kill()
    proc.wait()
    assert snapshot(graph) == old
    # and the same rebuild, left alone, replaces the graph
    done = rebuild(backend)
    out, err = done.communicate(timeout=300)
    assert done.returncode == 0, err
    assert out == ("Loaded 5 article(s): entities +203 ~0 -0, relationships +265 ~0 -0, "
                   "mentions +218 -0, article nodes written 5.\n")
    assert snapshot(graph) != old
