"""Run every benchmark and print one JSON report: ``make bench``."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SECTIONS = {
    "quantities and periods": "quantities",
    "entities": "entities",
    "whole pipeline": "whole_pipeline",
    "Chinese": "chinese",
    "events": "events",
    "sentiment": "sentiment",
    "store and company monitor": "store",
}

if __name__ == "__main__":
    report = {title: importlib.import_module(module).report() for title, module in SECTIONS.items()}
    print(json.dumps(report, indent=2, ensure_ascii=False))
