"""The extraction documents (tests/extraction/documents) with their gold files, and the floors file.

Each document `<stem>.txt|.html` has a hand-written gold `<stem>.json` (see README.md). The
floors of every measure are in `floors.csv` (document, measure, floor); the rows `corpus`
and `devset` hold the floors of the shared corpus and development set.
"""
from __future__ import annotations

import csv
import html
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import opencc

from tests.scoring import extraction as _extraction

HERE = Path(__file__).resolve().parent
FOLDER = HERE / "documents"
FLOORS_FILE = HERE / "floors.csv"
DOCUMENTS = {p.stem: p for p in sorted(FOLDER.iterdir()) if p.suffix in (".txt", ".html")}
ENCODINGS = {"province_plan.txt": "gb18030", "gbk_table_page.html": "gbk", "big5_reprint.txt": "big5"}
PINYIN_GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
PDF_FOOTER = re.compile(r"\s*— \d+ —\s*")
T2S = opencc.OpenCC("t2s")


def gold_of(stem: str) -> dict:
    return json.loads((FOLDER / f"{stem}.json").read_text(encoding="utf-8"))


def source_text(stem: str) -> str:
    path = DOCUMENTS[stem]
    return path.read_bytes().decode(ENCODINGS.get(path.name, "utf-8-sig"))


def extraction(stem: str):
    return _extraction(DOCUMENTS[stem])


@lru_cache(maxsize=None)
def reference_text(stem: str) -> str:
    """The document as the gold was read: tags dropped, NFKC, Simplified, no pinyin glosses, no page
    footers, names broken across lines joined; followed by a copy with every line joined to the next
    (hard-wrapped PDF text) and without a line repeated as a running header."""
    text = source_text(stem)
    if DOCUMENTS[stem].suffix == ".html":
        body = text.split("<body", 1)[-1]
        body = re.sub(r"(?s)<(script|style)\b[^>]*>.*?</\1>", "", body)
        text = html.unescape(re.sub(r"<[^>]+>", "\n", body))
    text = re.sub(r"(?m)^\s*— \d+ —\s*$", "", text.replace("\r\n", "\n").replace("\f", "\n"))
    text = T2S.convert(PINYIN_GLOSS.sub("", unicodedata.normalize("NFKC", text)))
    joined = re.sub(r"(?<=[\u4e00-\u9fff〈〉])\n(?=[\u4e00-\u9fff〈〉])", "", text)
    lines = [line.strip() for line in text.splitlines()]
    repeated = {line for line in lines if line and lines.count(line) > 2}
    kept = [line for line in lines if not PDF_FOOTER.fullmatch(line) and line not in repeated]
    return joined + "\n" + "".join(kept)


def floors() -> list[tuple[str, str, float]]:
    """(document, measure, floor) rows of floors.csv (`#` lines are comments)."""
    with FLOORS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = [line for line in handle if line.strip() and not line.startswith("#")]
    return [(r["document"], r["measure"], float(r["floor"])) for r in csv.DictReader(rows)]
