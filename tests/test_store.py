"""The embedded store folder: marker, lock, atomic version switch, leftovers, permissions, damage detection."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from typer.testing import CliRunner

from stdkg.cli import app
from stdkg.errors import EXIT_FAILED
from stdkg.pipeline import check_store, load_networkx
from stdkg.stores.oxigraph_store import (MARKER_FILE, DamagedStoreError, NotAStoreError, StoreError, StoreLockedError,
                                         count_triples, current_folder, open_store, store_exists, write_store, writing)

runner = CliRunner()
EX = "https://example.org/"


def graph(n: int) -> Graph:
    g = Graph()
    for i in range(n):
        g.add((URIRef(f"{EX}s{i}"), URIRef(f"{EX}p"), Literal(i)))
    return g


def versions(store: Path) -> list[str]:
    return sorted(p.name for p in store.iterdir() if p.name.startswith("v-"))


def test_a_folder_with_an_oxigraph_subfolder_is_not_taken_for_a_store(tmp_path: Path):
    folder = tmp_path / "mine"
    (folder / "oxigraph").mkdir(parents=True)
    (folder / "oxigraph" / "data.bin").write_bytes(b"mine")
    (folder / "thesis.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(NotAStoreError, match="not a stdkg store"):
        write_store(graph(3), folder)
    assert sorted(p.name for p in folder.rglob("*")) == ["data.bin", "oxigraph", "thesis.txt"]
    assert not store_exists(folder)


def test_a_file_in_place_of_the_store_is_refused(tmp_path: Path):
    file = tmp_path / "store"
    file.write_text("a file", encoding="utf-8")
    with pytest.raises(NotAStoreError):
        write_store(graph(1), file)
    assert file.read_text(encoding="utf-8") == "a file"


def test_a_store_under_a_file_is_a_store_error_not_a_traceback(tmp_path: Path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot create"):
        write_store(graph(1), tmp_path / "file" / "store")


def test_rewriting_a_store_keeps_the_files_stdkg_did_not_make(tmp_path: Path):
    store = write_store(graph(3), tmp_path / "store")
    (store / "answers").mkdir()
    (store / "answers" / "q.csv").write_text("a,b\n", encoding="utf-8")
    (store / "notes.txt").write_text("mine", encoding="utf-8")
    write_store(graph(5), store)
    assert (store / "answers" / "q.csv").is_file() and (store / "notes.txt").is_file()
    assert count_triples(open_store(store))[""] == 5
    assert len(versions(store)) == 1


def test_a_second_writer_gets_store_locked_error_while_the_first_holds_the_lock(tmp_path: Path):
    store = write_store(graph(2), tmp_path / "store")
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from stdkg.stores.oxigraph_store import writing
            with writing({str(store)!r}, from_current=True):
                print("locked", flush=True)
                sys.stdin.readline()
                raise SystemExit(0)
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreLockedError, match="another stdkg"):
            write_store(graph(4), store)
        assert count_triples(open_store(store))[""] == 2
    finally:
        holder.communicate("\n", timeout=60)
    write_store(graph(4), store)
    assert count_triples(open_store(store))[""] == 4


def test_a_write_killed_before_the_switch_leaves_the_old_store_and_the_next_write_cleans_up(tmp_path: Path):
    store = write_store(graph(3), tmp_path / "store")
    killed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(f"""
            import os
            from stdkg.stores.oxigraph_store import writing, write_sources
            from rdflib import Graph, Literal, URIRef
            g = Graph()
            g.add((URIRef("https://example.org/x"), URIRef("https://example.org/p"), Literal(1)))
            with writing({str(store)!r}) as w:
                write_sources(w.store, [("graph", g, {{}})], [])
                w.store.flush()
                os._exit(9)
        """)])
    assert killed.returncode == 9
    (store / f"{MARKER_FILE}.tmp-dead").write_text("{", encoding="utf-8")
    assert len(versions(store)) == 2
    assert count_triples(open_store(store))[""] == 3 and check_store(store).ok
    write_store(graph(6), store)
    assert len(versions(store)) == 1
    assert not list(store.glob(f"{MARKER_FILE}.tmp-*"))
    assert count_triples(open_store(store))[""] == 6


def test_a_write_that_fails_keeps_the_old_store_and_leaves_nothing(tmp_path: Path):
    store = write_store(graph(3), tmp_path / "store")
    before = versions(store)

    def fail(folder: Path) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(StoreError, match="No space left"):
        write_store(graph(5), store, extras=fail)
    assert versions(store) == before
    assert count_triples(open_store(store))[""] == 3


def test_store_folders_follow_the_umask(tmp_path: Path):
    old = os.umask(0o022)
    try:
        store = write_store(graph(1), tmp_path / "store")
    finally:
        os.umask(old)
    for folder in (store, current_folder(store), current_folder(store) / "oxigraph"):
        assert folder.stat().st_mode & 0o777 == 0o755, folder


def test_the_default_graph_is_the_union_of_the_source_graphs(tmp_path: Path):
    from stdkg.stores.oxigraph_store import LABELS_GRAPH, add_source, source_graph

    store = write_store(graph(3), tmp_path / "store")
    with writing(store, from_current=True) as w:
        add_source(w.store, "document/extra", graph(5), {}, lambda c: [])
        from stdkg.stores.oxigraph_store import write_manifest
        write_manifest(w.folder, {"stamp": w.folder.name, "triples": 5, "sources": {
            "graph": {"triples": 3}, "document/extra": {"triples": 5}}})
    counts = count_triples(open_store(store))
    assert counts[""] == 5 and counts[source_graph("graph").value] == 3
    assert counts[source_graph("document/extra").value] == 5
    assert LABELS_GRAPH.value not in counts
    assert check_store(store).ok


def damage(store: Path, how: str) -> None:
    folder = current_folder(store)
    if how == "marker":
        (store / MARKER_FILE).write_text("{not json", encoding="utf-8")
    elif how == "manifest":
        (folder / "manifest.json").unlink()
    elif how == "data":
        for f in (folder / "oxigraph").iterdir():
            if f.name.startswith(("CURRENT", "MANIFEST")):
                f.write_bytes(b"garbage")
    elif how == "counts":
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        manifest["triples"] += 1
        (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    elif how == "version":
        shutil.rmtree(folder)


@pytest.mark.parametrize("how", ["marker", "manifest", "data", "counts", "version"])
def test_a_damaged_store_is_named_by_check_and_stats_with_exit_1(tmp_path: Path, how: str):
    store = write_store(graph(3), tmp_path / "store")
    damage(store, how)
    report = check_store(store)
    assert not report.ok and str(store) in report.problems[0] and "damaged" in report.problems[0]
    for command in ("check", "stats"):
        result = runner.invoke(app, [command, "--store", str(store)])
        assert result.exit_code == EXIT_FAILED, result.output
        assert "damaged" in result.output and "Traceback" not in result.output
        assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    if how != "counts":
        with pytest.raises(DamagedStoreError):
            load_networkx(store)


def test_a_store_made_by_stdkg_is_sound_by_check(tmp_path: Path):
    store = write_store(graph(3), tmp_path / "store")
    result = runner.invoke(app, ["check", "--store", str(store)])
    assert result.exit_code == 0 and "sound" in result.output


def test_a_folder_that_is_not_a_store_is_named_by_every_reader(tmp_path: Path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "oxigraph").mkdir()
    with pytest.raises(NotAStoreError):
        open_store(tmp_path / "mine")
    result = runner.invoke(app, ["stats", "--store", str(tmp_path / "mine")])
    assert result.exit_code == EXIT_FAILED and "not a stdkg store" in result.output
