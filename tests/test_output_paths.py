"""Output paths that cannot be written fail at once, in one sentence, before any query."""

from __future__ import annotations

from pathlib import Path


def test_viz_into_a_missing_folder(offline_cli) -> None:  # type: ignore[no-untyped-def]
    result = offline_cli("viz", "-o", "/nonexistent/x.html")
    assert result.exit_code == 2
    assert result.stderr == ("Error: cannot write /nonexistent/x.html: folder /nonexistent "
                             "does not exist\n")


def test_viz_onto_a_folder(offline_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = offline_cli("viz", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"Error: cannot write {tmp_path}: it is a folder; give a file name\n"


def test_export_file_onto_an_existing_folder(offline_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for fmt in ("ftm", "graphml"):
        result = offline_cli("export", "-f", fmt, "-o", str(tmp_path))
        assert result.exit_code == 2
        assert result.stderr == (f"Error: cannot write {tmp_path}: it is a folder; give a "
                                 "file name\n")
    assert list(tmp_path.iterdir()) == []


def test_csv_export_into_a_file(offline_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "graph.csv"
    target.write_text("keep me\n")
    result = offline_cli("export", "-f", "csv", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == f"Error: cannot write into {target}: it is a file, not a folder\n"
    assert target.read_text() == "keep me\n"


def test_ftm_export_without_followthemoney_says_which_extra(offline_cli, tmp_path: Path,
                                                            monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    monkeypatch.setitem(sys.modules, "followthemoney", None)  # as if not installed
    monkeypatch.delitem(sys.modules, "techkg.export.ftm", raising=False)
    result = offline_cli("export", "-f", "ftm", "-o", str(tmp_path / "g.json"))
    assert result.exit_code == 2
    assert result.stderr == ("Error: the ftm export needs the followthemoney package, which is "
                             "not installed: pip install 'techkg[ftm]'\n")
    assert list(tmp_path.iterdir()) == []
