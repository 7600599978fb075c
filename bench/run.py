"""Run every benchmark and print one JSON report: ``make bench``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import entities
import quantities

if __name__ == "__main__":
    print(json.dumps({"quantities and periods": quantities.report(), "entities": entities.report()}, indent=2))
