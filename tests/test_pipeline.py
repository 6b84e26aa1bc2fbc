"""The build jobs: build, add, remove and extract, with their failures, exit codes and document identity."""
from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, NamedNode

from stdkg.errors import EXIT_FAILED, EXIT_OK, EXIT_PARTIAL
from stdkg.pipeline import (SHIPPED_REFERENCE, add_documents, build, check_store, extract_documents, load_networkx,
                            remove_documents)
from stdkg.stores.oxigraph_store import document_key, open_store, read_manifest, source_graph
from tests.shared import CORPUS

CORPUS_FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
needs_corpus = pytest.mark.skipif(len(CORPUS_FILES) < 3, reason=f"corpus not found at {CORPUS}")


def all_quads(store: Path) -> list[str]:
    """Every quad of the store (all graphs), sorted: the store's whole content."""
    return sorted(str(q) for q in open_store(store).quads_for_pattern(None, None, None, None))


def copy_docs(folder: Path, files: list[Path]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for f in files:
        (folder / f.name).write_bytes(f.read_bytes())
    return folder


@pytest.fixture(scope="module")
def good_store(tmp_path_factory) -> Path:
    """A store built from the shipped records with the shipped reference slice."""
    store = tmp_path_factory.mktemp("pipeline") / "store"
    result = build(store, reference=SHIPPED_REFERENCE)
    assert result.exit_code == EXIT_OK and result.written, result.errors
    return store


@pytest.fixture
def store(good_store: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(good_store, copy)
    return copy


def assert_unchanged(store: Path, before: list[str], stamp: str) -> None:
    assert all_quads(store) == before
    assert read_manifest(store)["stamp"] == stamp


def test_a_docs_folder_that_does_not_exist_fails_and_keeps_the_store(store: Path, tmp_path: Path):
    before, stamp = all_quads(store), read_manifest(store)["stamp"]
    result = build(store, docs=tmp_path / "typo", reference=SHIPPED_REFERENCE)
    assert result.exit_code == EXIT_FAILED and not result.written
    assert "typo" in result.errors[0]
    assert_unchanged(store, before, stamp)


def test_a_build_where_every_document_fails_keeps_the_store(store: Path, tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "empty.txt").write_bytes(b"")
    (docs / "binary.txt").write_bytes(bytes(range(256)) * 8)
    before, stamp = all_quads(store), read_manifest(store)["stamp"]
    result = build(store, docs=docs, reference=SHIPPED_REFERENCE)
    assert result.exit_code == EXIT_FAILED and not result.written
    assert sorted(Path(f).name for f in result.file_errors) == ["binary.txt", "empty.txt"]
    assert any("no document could be read" in e for e in result.errors)
    assert_unchanged(store, before, stamp)


def test_a_bad_reference_file_fails_the_build_and_keeps_the_store(store: Path, tmp_path: Path):
    reference = tmp_path / "reference"
    shutil.copytree(SHIPPED_REFERENCE, reference)
    (reference / "iso_committees.csv").write_text("reference,title_en\nISO/TC 1\n", encoding="utf-8")
    before, stamp = all_quads(store), read_manifest(store)["stamp"]
    result = build(store, reference=reference)
    assert result.exit_code == EXIT_FAILED and not result.written
    assert len(result.errors) == 1 and "iso_committees.csv" in result.errors[0]
    assert_unchanged(store, before, stamp)


def test_a_reference_folder_that_does_not_exist_fails_the_build_and_keeps_the_store(store: Path, tmp_path: Path):
    before, stamp = all_quads(store), read_manifest(store)["stamp"]
    result = build(store, reference=tmp_path / "nowhere")
    assert result.exit_code == EXIT_FAILED and not result.written
    assert "nowhere" in result.errors[0] and "not found" in result.errors[0]
    assert_unchanged(store, before, stamp)


@needs_corpus
def test_some_documents_failing_is_a_partial_build_naming_each_file(tmp_path: Path):
    docs = copy_docs(tmp_path / "docs", CORPUS_FILES[:1])
    (docs / "empty.txt").write_bytes(b"")
    result = build(tmp_path / "store", docs=docs, reference=SHIPPED_REFERENCE)
    assert result.exit_code == EXIT_PARTIAL and result.written
    assert result.documents == [CORPUS_FILES[0].stem]
    assert list(result.file_errors) == [str(docs / "empty.txt")]


@needs_corpus
def test_subfolders_are_read_and_hidden_files_and_broken_links_are_reported(tmp_path: Path):
    docs = tmp_path / "docs"
    copy_docs(docs, CORPUS_FILES[:1])
    copy_docs(docs / "more", CORPUS_FILES[1:2])
    copy_docs(docs / ".cache", CORPUS_FILES[2:3])
    (docs / ".notes.txt").write_bytes(CORPUS_FILES[2].read_bytes())
    (docs / "gone.txt").symlink_to(tmp_path / "missing.txt")
    result = build(tmp_path / "store", docs=docs, reference=SHIPPED_REFERENCE)
    assert result.documents == sorted([CORPUS_FILES[0].stem, f"more/{CORPUS_FILES[1].stem}"])
    assert any(".notes.txt" in n and "hidden" in n for n in result.notes)
    assert any(".cache" in n and "hidden" in n for n in result.notes)
    assert list(result.file_errors) == [str(docs / "gone.txt")] and "broken link" in result.errors[0]
    assert result.exit_code == EXIT_PARTIAL


@needs_corpus
def test_files_with_the_same_stem_get_distinct_ids_and_their_own_evidence(tmp_path: Path):
    docs = tmp_path / "docs"
    copy_docs(docs / "a", CORPUS_FILES[:1])
    copy_docs(docs / "b", CORPUS_FILES[1:2])
    (docs / "a" / CORPUS_FILES[0].name).rename(docs / "a" / "plan.txt")
    (docs / "b" / CORPUS_FILES[1].name).rename(docs / "b" / "plan.txt")
    (docs / "dup.txt").write_bytes(CORPUS_FILES[1].read_bytes())
    text = CORPUS_FILES[2].read_text(encoding="utf-8")
    (docs / "dup.html").write_text(f"<html><body><pre>{text}</pre></body></html>", encoding="utf-8")
    result = build(tmp_path / "store", docs=docs, reference=SHIPPED_REFERENCE)
    assert result.exit_code == EXIT_OK, result.errors
    assert result.documents == ["a/plan", "b/plan", "dup.html", "dup.txt"]
    pg = load_networkx(tmp_path / "store")
    plans = {d["doc_id"]: n for n, d in pg.nodes(data=True) if d["label"] == "Plan" and d.get("doc_id")}
    assert sorted(plans) == result.documents
    for doc, plan in plans.items():
        evidence_docs = {d["doc"] for _, v, d in pg.in_edges(plan, data=True) if d.get("doc")}
        sections = [n for n, v, d in pg.in_edges(plan, data=True) if d["type"] == "IN_PLAN"]
        assert sections and evidence_docs <= {doc}
        assert {pg.nodes[s].get("doc") for s in sections} == {doc}


@needs_corpus
def test_adding_documents_one_by_one_gives_the_triples_of_building_them_all(tmp_path: Path):
    docs = copy_docs(tmp_path / "docs", CORPUS_FILES[:3])
    whole = build(tmp_path / "whole", docs=docs, reference=SHIPPED_REFERENCE)
    first = copy_docs(tmp_path / "first", CORPUS_FILES[:1])
    step = build(tmp_path / "step", docs=first, reference=SHIPPED_REFERENCE)
    assert whole.exit_code == step.exit_code == EXIT_OK
    for f in CORPUS_FILES[1:3]:
        added = add_documents(tmp_path / "step", [docs / f.name])
        assert added.exit_code == EXIT_OK and added.added == [f.stem]
    assert all_quads(tmp_path / "step") == all_quads(tmp_path / "whole")
    assert read_manifest(tmp_path / "step")["triples"] == whole.triples
    assert check_store(tmp_path / "step").ok


@needs_corpus
@needs_corpus
def test_a_build_in_two_worker_processes_writes_exactly_what_a_serial_build_writes(tmp_path: Path):
    docs = copy_docs(tmp_path / "docs", CORPUS_FILES[:4])
    (docs / "empty.txt").write_text("", encoding="utf-8")
    serial = build(tmp_path / "serial", docs=docs, reference=SHIPPED_REFERENCE, workers=1)
    parallel = build(tmp_path / "parallel", docs=docs, reference=SHIPPED_REFERENCE, workers=2)
    assert serial.exit_code == parallel.exit_code == EXIT_PARTIAL
    assert serial.documents == parallel.documents and len(serial.documents) == 4
    assert list(serial.file_errors) == list(parallel.file_errors) == [str(docs / "empty.txt")]
    assert all_quads(tmp_path / "serial") == all_quads(tmp_path / "parallel")
    assert read_manifest(tmp_path / "serial")["sources"] == read_manifest(tmp_path / "parallel")["sources"]


def test_add_then_remove_returns_the_previous_store_exactly(tmp_path: Path):
    docs = copy_docs(tmp_path / "docs", CORPUS_FILES[:2])
    assert build(tmp_path / "store", docs=copy_docs(tmp_path / "one", CORPUS_FILES[:1]),
                 reference=SHIPPED_REFERENCE).exit_code == EXIT_OK
    before = all_quads(tmp_path / "store")
    added = add_documents(tmp_path / "store", [docs / CORPUS_FILES[1].name])
    assert added.added == [CORPUS_FILES[1].stem] and all_quads(tmp_path / "store") != before
    removed = remove_documents(tmp_path / "store", [CORPUS_FILES[1].stem])
    assert removed.exit_code == EXIT_OK and removed.removed == [CORPUS_FILES[1].stem]
    assert all_quads(tmp_path / "store") == before
    assert check_store(tmp_path / "store").ok


@needs_corpus
def test_removing_a_document_keeps_the_facts_another_document_states(tmp_path: Path):
    docs = copy_docs(tmp_path / "docs", CORPUS_FILES[:3])
    assert build(tmp_path / "store", docs=docs, reference=SHIPPED_REFERENCE).exit_code == EXIT_OK
    ids = [f.stem for f in CORPUS_FILES[:3]]
    st = open_store(tmp_path / "store")

    def facts(key):
        return {q.triple for q in st.quads_for_pattern(None, None, None, source_graph(key))}

    first, others = facts(document_key(ids[0])), facts(document_key(ids[1])) | facts(document_key(ids[2]))
    shared = first & others
    own = first - others - facts("reference")
    assert shared and own
    del st
    assert remove_documents(tmp_path / "store", [ids[0]]).exit_code == EXIT_OK
    st = open_store(tmp_path / "store")
    default = {q.triple for q in st.quads_for_pattern(None, None, None, DefaultGraph())}
    assert shared <= default
    assert not own & default


@needs_corpus
def test_add_reads_again_only_files_whose_content_changed(tmp_path: Path):
    docs = copy_docs(tmp_path / "docs", CORPUS_FILES[:2])
    assert build(tmp_path / "store", docs=docs, reference=SHIPPED_REFERENCE).exit_code == EXIT_OK
    stamp = read_manifest(tmp_path / "store")["stamp"]
    same = add_documents(tmp_path / "store", [docs / CORPUS_FILES[0].name])
    assert same.unchanged == [CORPUS_FILES[0].stem] and not same.written
    assert read_manifest(tmp_path / "store")["stamp"] == stamp
    (docs / CORPUS_FILES[0].name).write_bytes(CORPUS_FILES[2].read_bytes())
    changed = add_documents(tmp_path / "store", [docs / CORPUS_FILES[0].name])
    assert changed.replaced == [CORPUS_FILES[0].stem] and changed.written
    fresh = build(tmp_path / "fresh", docs=docs, reference=SHIPPED_REFERENCE)
    assert all_quads(tmp_path / "store") == all_quads(tmp_path / "fresh") and fresh.exit_code == EXIT_OK


@needs_corpus
def test_add_of_a_missing_file_is_reported_per_file(store: Path, tmp_path: Path):
    result = add_documents(store, [tmp_path / "missing.txt", CORPUS_FILES[0]])
    assert result.exit_code == EXIT_PARTIAL
    assert list(result.file_errors) == [str(tmp_path / "missing.txt")]
    assert result.added == [f"{CORPUS_FILES[0].stem}.txt"], "the stem is taken by the shipped records of that document"


def test_remove_of_an_unknown_document_fails_and_keeps_the_store(store: Path):
    before, stamp = all_quads(store), read_manifest(store)["stamp"]
    result = remove_documents(store, ["no-such-doc"])
    assert result.exit_code == EXIT_FAILED and "no-such-doc" in result.errors[0]
    assert_unchanged(store, before, stamp)


@needs_corpus
def test_extract_goes_on_past_files_it_cannot_read(tmp_path: Path):
    out = tmp_path / "json"
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "nowhere.txt")
    result = extract_documents([tmp_path / "missing.txt", broken, CORPUS_FILES[0]], out)
    assert result.exit_code == EXIT_PARTIAL
    assert sorted(result.file_errors) == sorted(str(p) for p in (tmp_path / "missing.txt", broken))
    assert [p.name for p in out.iterdir()] == [f"{CORPUS_FILES[0].stem}.json"]


@needs_corpus
def test_extract_of_a_folder_reads_every_document_in_it_and_its_subfolders(tmp_path: Path):
    copy_docs(tmp_path / "docs", CORPUS_FILES[:1])
    copy_docs(tmp_path / "docs" / "more", CORPUS_FILES[1:2])
    (tmp_path / "docs" / ".hidden.txt").write_text("x", encoding="utf-8")
    result = extract_documents([tmp_path / "docs"], tmp_path / "json")
    assert result.exit_code == EXIT_PARTIAL
    assert list(result.file_errors) == [str(tmp_path / "docs" / ".hidden.txt")]
    written = sorted(p.relative_to(tmp_path / "json").as_posix() for p in (tmp_path / "json").rglob("*.json"))
    assert written == sorted([f"{CORPUS_FILES[0].stem}.json", f"more/{CORPUS_FILES[1].stem}.json"])


@needs_corpus
def test_extract_of_files_with_one_stem_writes_one_json_each(tmp_path: Path):
    copy_docs(tmp_path / "a", CORPUS_FILES[:1])
    copy_docs(tmp_path / "b", CORPUS_FILES[1:2])
    a = (tmp_path / "a" / CORPUS_FILES[0].name).rename(tmp_path / "a" / "plan.txt")
    b = (tmp_path / "b" / CORPUS_FILES[1].name).rename(tmp_path / "b" / "plan.txt")
    result = extract_documents([a, b], tmp_path / "json")
    assert result.exit_code == EXIT_OK and len(set(result.documents)) == 2
    assert len(list((tmp_path / "json").glob("*.json"))) == 2


def test_nothing_in_a_store_is_unpickled(store: Path, tmp_path: Path):
    witness = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (Path.touch, (witness,))

    folder = next(p for p in store.iterdir() if p.name.startswith("v-"))
    for place in (store / "graph.gpickle", folder / "graph.gpickle", folder / "networkx.json"):
        place.write_bytes(pickle.dumps(Payload()))
    pg = load_networkx(store)
    assert pg.number_of_nodes() > 0
    assert not witness.exists()
    for path in store.rglob("*"):
        if path.is_file() and path.parent.name != "oxigraph" and path.name != "graph.gpickle":
            assert not path.read_bytes().startswith(b"\x80"), f"{path} looks like a pickle"


def test_the_networkx_cache_is_the_projection_of_the_store(good_store: Path):
    from stdkg.pipeline import load_rdf
    from stdkg.property_graph import to_networkx

    cached = load_networkx(good_store)
    fresh = to_networkx(load_rdf(good_store))
    assert sorted(cached.nodes(data=True), key=str) == sorted(fresh.nodes(data=True), key=str)
    assert sorted(cached.edges(keys=True, data=True), key=str) == sorted(fresh.edges(keys=True, data=True), key=str)


def test_evidence_names_the_document_id(good_store: Path):
    st = open_store(good_store)
    doc = NamedNode("https://w3id.org/stdkg/ontology#doc")
    docs = {q.object.value for q in st.quads_for_pattern(None, doc, None, DefaultGraph())}
    manifest_docs = {s["doc"] for s in read_manifest(good_store)["sources"].values() if s["kind"] == "document"}
    assert docs == manifest_docs
