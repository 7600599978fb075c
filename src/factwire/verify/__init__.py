"""Stage ``verify``: the story's arithmetic checked against its own numbers; conflicts between
sources are checked in the store (``factwire conflicts``)."""

from __future__ import annotations

from ..models import Analysis
from ..pipeline import component
from .document import Rules, check_document, load_rules
from .intervals import Interval, stated

__all__ = ["Interval", "Rules", "check_document", "load_rules", "stated"]


@component("verify")
def make_verifier():
    rules = load_rules()

    def verify(analysis: Analysis) -> Analysis:
        order = {"inconsistent": 0, "unverifiable": 1, "consistent": 2}
        analysis.checks = sorted(check_document(analysis, rules), key=lambda c: (order[c.verdict], c.start))
        return analysis

    return verify
