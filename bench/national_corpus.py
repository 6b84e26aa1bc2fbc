"""A seeded generator of a national corpus: policy documents for every prefecture-level city and province.

    .venv/bin/python bench/national_corpus.py OUT_DIR --documents 3000 [--seed 7]

Templates are the corpus documents (`../shared/corpus`) and the project's own
extraction fixtures (`tests/extraction/documents`, text and HTML): between them
every clause, table and target form the extractor reads. Each generated document
re-targets one template to a real city or province from the administrative-division
list (names and short names replaced, in Simplified and Traditional), shuffles the
numbered items inside each section, varies the numbers of targets (years and
document numbers kept), and in some documents converts the script to Traditional or
wraps the text in web-page noise. Cities get several plans each, and every city's
plans name the same generic departments (`市公安局`, `市财政局`), which the build
must keep apart by city. The same seed gives the same corpus byte for byte.
"""
from __future__ import annotations

import argparse
import csv
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import opencc

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TEMPLATE_DIRS = (SHARED / "corpus", ROOT / "tests" / "extraction" / "documents")
DIVISIONS = ROOT / "graph" / "data" / "reference" / "cn_admin_divisions_province_prefecture.csv"

# The place names each template was written for, longest first; replaced by the target place's names.
SOURCE_PLACES = ("深圳市", "青岛市", "广州市", "厦门市", "宁波市", "佛山市", "深圳", "青岛", "广州", "厦门", "宁波", "佛山")
ITEM = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|\d+[.、．]|[一二三四五六七八九十]+、)")
NUMBER = re.compile(r"(?<![\d〔\[年])(\d+(?:\.\d+)?)(?=\s*(?:项|个|家|%|％|名|亿元|万元|人|次|件|所))")
NOISE_TOP = ("首页 > 政务公开 > 政策文件", "【字体：大 中 小】 【打印本页】 【关闭窗口】", "分享到：")
NOISE_BOTTOM = ("扫一扫在手机打开当前页", "主办单位：{place}人民政府办公室  网站标识码：{code}", "上一篇  下一篇")


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    short: str
    level: str


def places(path: Path = DIVISIONS) -> list[Place]:
    """Prefecture-level cities and provinces of the division list, placeholders left out."""
    out = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row.get("is_statistical_placeholder") == "yes" or row["level"] not in ("province", "prefecture"):
                continue
            name = row["name_zh"]
            short = re.sub(r"(维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|自治州|地区|盟|省|市)$", "", name) or name
            out.append(Place(row["code6"], name, short, row["level"]))
    return out


def templates() -> list[tuple[str, str]]:
    """(suffix, text) of every template document, in a fixed order."""
    found = []
    for folder in TEMPLATE_DIRS:
        for path in sorted(folder.glob("*")):
            if path.suffix in (".txt", ".html"):
                raw = path.read_bytes()
                for encoding in ("utf-8", "gb18030", "big5"):
                    try:
                        found.append((path.suffix, raw.decode(encoding)))
                        break
                    except UnicodeDecodeError:
                        continue
    if not found:
        raise SystemExit(f"no template documents in {', '.join(map(str, TEMPLATE_DIRS))}")
    return found


class Generator:
    """Documents for the places, round-robin so every place gets several plans."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.places = places()
        self.templates = templates()
        self.s2t = opencc.OpenCC("s2t")
        self.t2s = opencc.OpenCC("t2s")

    def retarget(self, text: str, place: Place) -> str:
        simplified = self.t2s.convert(text)
        traditional_input = simplified != text
        for source in SOURCE_PLACES:
            target = place.name if source.endswith("市") else place.short
            simplified = simplified.replace(source, target)
        return self.s2t.convert(simplified) if traditional_input else simplified

    def shuffle_items(self, text: str) -> str:
        """Shuffle runs of consecutive numbered items (their numbers stay in place)."""
        lines = text.split("\n")
        out, run = [], []

        def flush() -> None:
            bodies = [ITEM.sub("", line, count=1) for line in run]
            heads = [line[: len(line) - len(body)] for line, body in zip(run, bodies)]
            self.rng.shuffle(bodies)
            out.extend(h + b for h, b in zip(heads, bodies))
            run.clear()

        for line in lines:
            if ITEM.match(line) and "<" not in line:
                run.append(line)
                continue
            if run:
                flush()
            out.append(line)
        if run:
            flush()
        return "\n".join(out)

    def vary_numbers(self, text: str) -> str:
        def vary(m: re.Match[str]) -> str:
            value = float(m.group(1))
            factor = self.rng.uniform(0.8, 1.25)
            if "." in m.group(1):
                return f"{value * factor:.1f}"
            return str(max(1, round(value * factor)))

        return NUMBER.sub(vary, text)

    def noise(self, text: str, place: Place, suffix: str) -> str:
        if suffix == ".html":
            return text
        top = "\n".join(self.rng.sample(NOISE_TOP, 2))
        bottom = "\n".join(line.format(place=place.name, code=place.code) for line in NOISE_BOTTOM)
        return f"{top}\n\n{text}\n\n{bottom}\n"

    def document(self, i: int) -> tuple[str, str]:
        place = self.places[i % len(self.places)]
        suffix, text = self.templates[self.rng.randrange(len(self.templates))]
        text = self.vary_numbers(self.shuffle_items(self.retarget(text, place)))
        if self.rng.random() < 0.15 and suffix == ".txt":
            text = self.s2t.convert(text)
        if self.rng.random() < 0.4:
            text = self.noise(text, place, suffix)
        return f"{i:05d}_{place.code}{suffix}", text

    def documents(self, n: int) -> Iterator[tuple[str, str]]:
        for i in range(n):
            yield self.document(i)


def generate(out_dir: Path, n: int, seed: int = 7) -> list[Path]:
    """Write `n` documents into `out_dir` (created); the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in Generator(seed).documents(n):
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.out_dir, args.documents, args.seed)
    print(f"{len(paths)} documents in {args.out_dir}")


if __name__ == "__main__":
    main()
