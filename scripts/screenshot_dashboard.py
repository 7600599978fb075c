"""Write docs/dashboard.png: the dashboard for Xiaomi over the demo corpus and the seed article.

    .venv/bin/python scripts/screenshot_dashboard.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.web.browser import chromium, full_page_screenshot, serving  # noqa: E402

from factwire.ingest import ReadOptions, read_paths  # noqa: E402
from factwire.pipeline import build_pipeline  # noqa: E402
from factwire.store import Store  # noqa: E402
from factwire.web import create_app  # noqa: E402


def main() -> None:
    nlp = build_pipeline()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "shot.duckdb"
        with Store(db) as store:
            store.ingest(nlp, read_paths([str(ROOT / "samples" / "corpus")]))
            seed = ROOT.parent / "shared" / "data" / "seed" / "000_0994d68347797196.txt"
            if seed.exists():
                store.ingest(nlp, read_paths([str(seed)], ReadOptions(published_at=date(2025, 11, 19))))
        app = create_app(db, pipeline=nlp)
        with serving(app) as url, chromium() as driver:
            driver.get(url + "/?entity=Xiaomi")
            deadline = time.time() + 30
            while driver.execute_script("return document.body.dataset.entity") != "xiaomi" and time.time() < deadline:
                time.sleep(0.2)
            full_page_screenshot(driver, ROOT / "docs" / "dashboard.png")
        app.state.store.close()
    print("wrote docs/dashboard.png")


if __name__ == "__main__":
    main()
