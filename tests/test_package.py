"""The package as a user installs it: `import stdkg` from anywhere, rooms that import only rooms below them."""
from __future__ import annotations

import ast
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "graph"

# The rooms in the order data flows: a module may import its own room and rooms listed before it.
ROOMS = [
    ("ground", ["errors", "records", "vocabulary", "vocab", "terms", "batching", "spreadsheet"]),
    ("schema", ["schema"]),
    ("documents", ["loaders"]),
    ("entities", ["iris", "places", "entities", "resolve", "ownership"]),
    ("graph", ["graph_writer", "build", "reference_graph", "property_graph", "validate"]),
    ("stores", ["stores"]),
    ("questions", ["question_files", "name_index", "param_names", "questions", "answers"]),
    ("views", ["views", "stats"]),
    ("pipeline", ["pipeline"]),
    ("facade", ["knowledge_graph", "__init__"]),
    ("cli", ["cli", "__main__"]),
]
RANK = {top: i for i, (_, tops) in enumerate(ROOMS) for top in tops}


def modules() -> dict[str, Path]:
    """Dotted name (under stdkg) → file, for every module of the package folder."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        out[".".join(["stdkg", *parts])] = path
    return out


def imports_of(name: str, path: Path) -> set[str]:
    """The stdkg modules a module imports, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found |= {f"{target}.{a.name}" for a in node.names}
    return {f for f in found if f == "stdkg" or f.startswith("stdkg.") or f == "graph" or f.startswith("graph.")}


def room_of(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_no_module_imports_the_folder_name_graph():
    offenders = {n: sorted(i for i in imports_of(n, p) if i == "graph" or i.startswith("graph."))
                 for n, p in modules().items()}
    assert not {n: i for n, i in offenders.items() if i}


def test_every_module_belongs_to_a_room():
    assert sorted({room_of(n) for n in modules()} - set(RANK)) == []


def test_no_room_imports_a_room_above_it():
    known = modules()
    upward = []
    for name, path in known.items():
        for target in imports_of(name, path):
            if target not in known or target == "stdkg":
                continue
            if RANK[room_of(target)] > RANK[room_of(name)]:
                upward.append(f"{name} imports {target}")
    assert upward == []


def test_no_import_circle():
    known = modules()
    g = nx.DiGraph()
    for name, path in known.items():
        for target in imports_of(name, path):
            if target in known and target != name and target != "stdkg":
                g.add_edge(name, target)
    assert list(nx.simple_cycles(g)) == []


def test_every_package_folder_is_declared_for_setuptools():
    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    folders = {".".join(["stdkg", *p.parent.relative_to(PACKAGE).parts]) for p in PACKAGE.rglob("__init__.py")}
    assert declared == folders


@pytest.fixture(scope="module")
def fresh_env(tmp_path_factory) -> Path:
    """A new virtual environment with stdkg installed from a wheel (not editable); the dependencies are
    borrowed from the test environment's site-packages through a .pth line."""
    work = tmp_path_factory.mktemp("fresh")
    wheels = work / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels),
                    str(ROOT)], check=True, capture_output=True)
    env_dir = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                    *map(str, wheels.glob("stdkg-*.whl"))], check=True, capture_output=True)
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    deps = [p for p in sys.path if p.endswith("site-packages")]
    (Path(site) / "borrowed_dependencies.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    return python


def test_import_stdkg_in_a_fresh_environment_beside_a_graph_py(fresh_env: Path, tmp_path: Path):
    (tmp_path / "graph.py").write_text("raise SystemExit('the user graph.py was imported')\n", encoding="utf-8")
    (tmp_path / "graph_tools").mkdir()
    (tmp_path / "graph_tools" / "__init__.py").write_text("", encoding="utf-8")
    code = ("import stdkg, stdkg.cli; from stdkg import KnowledgeGraph; "
            "print(stdkg.__file__); print(len(KnowledgeGraph.questions()))")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "STDKG_STORE")}
    done = subprocess.run([str(fresh_env), "-c", code], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    location, count = done.stdout.split()
    assert str(fresh_env.parent.parent) in location
    assert int(count) == len(list((PACKAGE / "queries").glob("*.rq")))


def test_the_main_job_runs_from_python(tmp_path: Path, monkeypatch):
    from stdkg import KnowledgeGraph
    from stdkg.vocabulary import REFERENCE_DIR

    monkeypatch.chdir(tmp_path)
    kg = KnowledgeGraph("store", reference=REFERENCE_DIR)
    assert kg.path == tmp_path / "store"
    result = kg.run()
    assert result.exit_code == 0
    assert set(result.answers) == {q.name for q in kg.questions()}
    assert (kg.path / "views" / "index.html").is_file()
    monkeypatch.chdir(ROOT)
    assert KnowledgeGraph(kg.path).ask("city_profile_counts", city="深圳").equals(kg.ask("city_profile_counts", city="深圳"))


def test_the_default_store_does_not_depend_on_the_working_folder(tmp_path: Path, monkeypatch):
    from stdkg import KnowledgeGraph

    monkeypatch.delenv("STDKG_STORE", raising=False)
    first = KnowledgeGraph().path
    monkeypatch.chdir(tmp_path)
    assert KnowledgeGraph().path == first
    monkeypatch.setenv("STDKG_STORE", str(tmp_path / "elsewhere"))
    assert KnowledgeGraph().path == tmp_path / "elsewhere"


def test_building_without_reference_data_leaves_the_iso_catalogue_out(tmp_path: Path):
    from stdkg import KnowledgeGraph
    from stdkg.vocabulary import REFERENCE_DIR

    kg = KnowledgeGraph(tmp_path / "store")
    assert kg.build(with_reference=False).exit_code == 0
    members = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/stdkg/ontology#CommitteeMembership> }"
    assert kg.sparql(members)["n"][0] == 0
    assert kg.build(reference=REFERENCE_DIR).exit_code == 0
    assert kg.sparql(members)["n"][0] > 0


def test_progress_reaches_the_caller_for_every_document_and_stage(tmp_path: Path):
    from stdkg import KnowledgeGraph

    calls = []
    result = KnowledgeGraph(tmp_path / "store").build(with_reference=False,
                                                      progress=lambda stage, done, total: calls.append((stage, done, total)))
    assert result.exit_code == 0
    documents = [(done, total) for stage, done, total in calls if stage == "documents"]
    assert documents and documents[-1] == (len(result.documents), len(result.documents))
    assert any(stage == "count and manifest" for stage, _, _ in calls)
