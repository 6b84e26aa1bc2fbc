"""Load policy documents into `PolicyRecords`, one file or a batch, and write them as JSON."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable, Optional, Sequence

from stdkg.loaders.alliances import extract_alliance_members
from stdkg.loaders.errors import DocumentError
from stdkg.loaders.formats import paginate, read_document
from stdkg.loaders.organisations import extract_organisations
from stdkg.loaders.plan import extract_plan
from stdkg.loaders.responsibilities import extract_responsibilities
from stdkg.loaders.responsibility_tables import extract_table_responsibilities
from stdkg.loaders.sections import parse_sections
from stdkg.loaders.targets import extract_targets
from stdkg.loaders.text import normalise
from stdkg.records import Measure, PolicyRecords, Responsibility, Section

MAX_BYTES = 20 * 1024 * 1024
_READABLE = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def extract_ownership(doc: str, text: str, sections: list[Section]) -> tuple[list[Measure], list[Responsibility]]:
    """Measures and ownership rows read from responsibility clauses and from task-division tables."""
    measures, rows = extract_responsibilities(doc, text, sections)
    table_measures, table_rows = extract_table_responsibilities(doc, text, sections)
    known = {m.section_path for m in measures}
    return measures + [m for m in table_measures if m.section_path not in known], rows + table_rows


def load_policy_document(path: Path, *, max_bytes: int = MAX_BYTES, doc: Optional[str] = None) -> PolicyRecords:
    """Read one policy document (text, saved HTML, PDF, DOCX, DOC/WPS or OFD, told by its content);
    the doc id is `doc`, else the file stem. Provenance of a paged document (PDF, OFD) carries the page.

    Raises `DocumentError` naming the file for an empty, binary, undecodable,
    mixed-encoding, oversized, encrypted, scanned or corrupt file, or one with no text once chrome is gone.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise DocumentError(path, f"cannot read file ({e.strerror})") from None
    if size == 0:
        raise DocumentError(path, "empty file")
    if size > max_bytes:
        raise DocumentError(path, f"file too large: {size / 1e6:.1f} MB, limit {max_bytes / 1e6:.0f} MB")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise DocumentError(path, f"cannot read file ({e.strerror})") from None
    doc = doc or path.stem
    read = read_document(data, path, doc)
    raw = read.text
    norm = normalise(raw, doc)
    text = norm.text
    if len(_READABLE.findall(text)) < 10:
        raise DocumentError(path, "no document text (empty after removing markup, scripts and page chrome)")
    plan = extract_plan(doc, text)
    sections = parse_sections(doc, text)
    measures, responsibilities = extract_ownership(doc, text, sections)
    targets = extract_targets(doc, text, sections, plan)
    organisations = extract_organisations(doc, text, sections, plan)
    records = PolicyRecords(
        doc=doc,
        source=path.name,
        city=plan.city,
        text=text,
        plan=plan,
        sections=sections,
        measures=measures,
        responsibilities=responsibilities,
        targets=targets,
        organisations=organisations,
        alliance_members=extract_alliance_members(doc, text, sections, organisations),
        issues=read.issues + norm.issues,
        original_text=raw,
        offset_map=norm.offsets,
    )
    if read.page_starts:
        paginate(records, lambda start: read.page_at(norm.offsets[min(start, len(norm.offsets) - 1)]))
    return records


def document_paths(paths: Iterable[Path]) -> list[Path]:
    """The files named, each folder among them replaced by the files in it (sorted, hidden ones skipped)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.iterdir() if f.is_file() and not f.name.startswith(".")))
        else:
            out.append(p)
    return out


def load_policy_documents(paths: Iterable[Path], ids: Optional[Sequence[str]] = None,
                          ) -> tuple[list[PolicyRecords], list[DocumentError]]:
    """Load each document (doc ids from `ids`, else the file stems); a file that cannot be read becomes a
    `DocumentError` and the batch goes on."""
    records: list[PolicyRecords] = []
    errors: list[DocumentError] = []
    paths = list(paths)
    for i, p in enumerate(paths):
        try:
            records.append(load_policy_document(Path(p), doc=ids[i] if ids is not None else None))
        except DocumentError as e:
            errors.append(e)
        except Exception as e:  # one document's failure must not stop the batch
            errors.append(DocumentError(p, f"extraction failed: {type(e).__name__}: {e}"))
    return records, errors


def write_extraction(records: PolicyRecords, json_dir: Path) -> Path:
    """Write `json_dir/<doc id>.json` (UTF-8, indent 1, byte-identical for the same input); a doc id with
    folders (`a/plan`) is written in those folders."""
    out = Path(json_dir) / f"{records.doc}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(records.to_dict(), ensure_ascii=False, indent=1)
    out.write_bytes((payload + "\n").encode("utf-8"))
    return out
