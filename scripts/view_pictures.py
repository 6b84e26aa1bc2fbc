"""The README's pictures of the HTML views: the shipped corpus graph, each view opened in headless
Chromium and saved as a PNG under docs/img/ (needs scripts/chromium.sh).

    .venv/bin/python scripts/view_pictures.py [--out docs/img]
"""
from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from stdkg.build import build_graph
from stdkg.loaders.reference import load_reference
from stdkg.loaders.registry import load_registries
from stdkg.property_graph import to_networkx
from stdkg.records import records_from_dict
from stdkg.views.chromium import Chromium
from stdkg.views.html import write_view
from stdkg.vocabulary import RECORDS_DIR, REFERENCE_DIR

ROOT = Path(__file__).resolve().parents[1]
PICTURES = (  # (file, kind, name, steps, language)
    ("view-department.png", "department", "深圳市市场和质量监督管理委员会", 1, "zh"),
    ("view-organisations.png", "organisations", "深圳", 1, "zh"),
    ("view-organisations-en.png", "organisations", "深圳", 1, "en"),
    ("view-ownership-qingdao.png", "ownership", "青岛", 1, "zh"),
    ("view-indicator.png", "indicator", None, 1, "zh"),
    ("view-neighbourhood.png", "neighbourhood", "SAC", 2, "en"),
    ("view-city.png", "city", "青岛", 1, "zh"),
)


def corpus_graph():
    records = [records_from_dict(json.loads(p.read_text(encoding="utf-8"))) for p in sorted(RECORDS_DIR.glob("*.json"))]
    return to_networkx(build_graph(records, load_registries(), load_reference(REFERENCE_DIR)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    pg = corpus_graph()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, Chromium(width=1280, height=760) as browser:
        for file, kind, name, steps, lang in PICTURES:
            path = write_view(pg, kind, Path(tmp) / f"{file}.html", name, steps=steps)
            page = browser.open(path)
            try:
                page.wait_for("window.stdkgView && window.stdkgView.ready", timeout=120)
                page.evaluate(f"stdkgView.setLanguage({json.dumps(lang)})")
                if page.report.problems:
                    raise SystemExit(f"{file}: {page.report.problems}")
                shot = page.screenshot(args.out / file)
                print(f"{shot.relative_to(ROOT) if shot.is_relative_to(ROOT) else shot}: {shot.stat().st_size // 1024} KB")
            finally:
                page.close()


if __name__ == "__main__":
    main()
