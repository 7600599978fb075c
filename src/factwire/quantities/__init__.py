"""Stage ``quantities``: every number in the text with value, scale, unit, range and qualifier."""

from __future__ import annotations

from ..models import Analysis
from ..pipeline import component
from ..text import SentenceIndex
from .lexicon import Lexicon, load_lexicon
from .parser import chinese_numeral, parse_quantities
from .zh import language_windows, load_zh_lexicon, parse_quantities_zh

__all__ = ["Lexicon", "chinese_numeral", "load_lexicon", "parse_quantities", "parse_quantities_any"]


def parse_quantities_any(text: str) -> list:
    """The quantities of a short text by the rules of its language (Chinese or English), for
    callers without a pipeline (``factwire quantities`` reads lines this way once it uses this)."""
    from ..text.zh import language_of

    return parse_quantities_zh(text) if language_of(text) == "zh" else parse_quantities(text)


@component("quantities")
def make_quantity_parser(vocabulary: str | None = None, vocabulary_zh: str | None = None):
    """``vocabulary``: an optional YAML file whose entries extend the shipped quantities.yaml;
    ``vocabulary_zh`` the same for quantities_zh.yaml (Chinese sentences)."""
    lexicon = load_lexicon(vocabulary)
    zh_lexicon = load_zh_lexicon(vocabulary_zh)

    def find_quantities(analysis: Analysis) -> Analysis:
        text = analysis.document.text
        zh_windows = language_windows(analysis.sentences, "zh")  # each sentence by its language's rules
        if not zh_windows:
            found = parse_quantities(text, lexicon)
        else:
            found = parse_quantities_zh(text, zh_lexicon, zh_windows)
            en_windows = language_windows(analysis.sentences, "en")
            if en_windows:
                found += [q for q in parse_quantities(text, lexicon) if any(s <= q.start < e for s, e in en_windows)]
                found.sort(key=lambda q: q.start)
        index = SentenceIndex(analysis.sentences)
        for q in found:
            q.sentence = index.at(q.start)
        analysis.quantities = found
        return analysis

    return find_quantities
