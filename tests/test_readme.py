"""The README stays true to the project: its schema diagram, questions and commands."""
from __future__ import annotations

import re
from pathlib import Path

from stdkg.questions import list_questions
from stdkg.schema import mermaid_diagram

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_schema_diagram_is_the_one_generated_from_schema_ttl():
    block = re.search(r"<!-- schema-diagram.*?-->\n```mermaid\n(.*?)```\n<!-- /schema-diagram -->", README, re.S)
    assert block, "README lost its generated schema diagram block"
    assert block.group(1).strip() == mermaid_diagram().strip()


def test_every_named_question_is_listed():
    for q in list_questions():
        assert f"`{q.name}`" in README, f"question {q.name} missing from the README"


def test_two_setup_commands_and_ci_calls_the_test_command():
    commands = re.findall(r"```bash\n(bash scripts/[^\n]+)\n```", README)
    assert commands == ["bash scripts/run-main.sh", "bash scripts/test.sh"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in ci
    for script in ("scripts/run-main.sh", "scripts/test.sh"):
        assert (ROOT / script).is_file()


def test_the_question_table_shows_each_questions_parameter_kinds_and_example():
    for q in list_questions():
        row = next((line for line in README.splitlines() if line.startswith(f"| `{q.name}` |")), None)
        assert row, f"question {q.name} has no row in the README's question table"
        for p in q.params:
            kind = p.kind or ("\\|".join(p.choices) if p.choices else p.type)
            assert f"`{p.name}`{'' if p.required else '?'} ({kind})" in row, (q.name, p.name)
        example = " ".join(f"--param {k}={v}" for k, v in q.example.items())
        assert f"`stdkg query {q.name}{' ' + example if example else ''}`" in row, q.name


def test_the_layout_table_names_every_module_and_folder_of_the_package():
    table = README[README.index("## Data flow and layout"):README.index("## From Python")]
    package = ROOT / "graph"
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        if rel.name == "__init__.py" and len(rel.parts) > 1:
            continue
        if len(rel.parts) == 1:
            assert f"`graph/{rel.as_posix()}`" in table, f"graph/{rel} is missing from the README's layout table"
        elif rel.parts[0] == "loaders" and len(rel.parts) == 2:
            assert f"`{rel.name}`" in table or f"`graph/loaders/{rel.name}`" in table, f"graph/{rel} is missing"
        else:
            folder = "/".join(rel.parts[:-1 if rel.parts[0] != "loaders" else 2])
            assert f"`graph/{folder}/`" in table, f"graph/{folder}/ is missing from the README's layout table"
