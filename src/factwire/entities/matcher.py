"""Find every KB alias in a text with one Aho-Corasick pass.

Case rules per alias: an alias written in capitals, with digits, starting in lower case, or of
three characters or fewer (tickers, acronyms, model names, "vivo") must match exactly; any other
alias matches in any case as long as the text starts it with a capital letter ("Xiaomi",
"XIAOMI", not "xiaomi" the word). Latin aliases need word boundaries (so "NIO" is not found in
"UNION", nor "US" in "US$"); Chinese aliases match anywhere. Overlaps go to the longest match.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from ..text.spans import leftmost_longest
from .kb import KnowledgeBase


@dataclass(frozen=True)
class AliasHit:
    entity_id: str
    start: int
    end: int
    via: str  # name | alias | ticker


@dataclass(frozen=True)
class _Alias:
    entity_id: str
    surface: str
    exact: bool
    cjk: bool
    via: str


def _has_cjk(s: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in s)


def _is_exact(alias: str) -> bool:
    if len(alias) <= 3 or alias[:1].islower() or any(ch.isdigit() for ch in alias):
        return True
    # a capital inside a word (XPeng, NIO, TikTok, Mercedes-Benz) is part of the name
    return any(ch.isupper() for word in alias.split() for ch in word[1:])


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # a few characters ("İ") lower to two: keep offsets by leaving them as they are
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


class AliasMatcher:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.automaton = ahocorasick.Automaton()
        table: dict[str, list[_Alias]] = {}
        for entry in kb.entries.values():
            forms = [(entry.name, "name")] + [(a, "alias") for a in entry.aliases]
            forms += [(t, "ticker") for t in entry.tickers]
            for surface, via in forms:
                if len(surface) < 2:
                    continue  # "X", "C", "F": too short to find safely
                cjk = _has_cjk(surface)
                alias = _Alias(entry.id, surface, _is_exact(surface) or cjk or via == "ticker", cjk, via)
                table.setdefault(surface.lower(), []).append(alias)
        for key, aliases in table.items():
            self.automaton.add_word(key, (len(key), tuple(aliases)))
        self.size = len(table)
        if self.size:
            self.automaton.make_automaton()

    def find(self, text: str) -> list[AliasHit]:
        if not self.size:
            return []
        lowered = _lower_same_length(text)
        candidates: list[AliasHit] = []
        for end_index, (length, aliases) in self.automaton.iter(lowered):
            start, end = end_index - length + 1, end_index + 1
            for alias in aliases:
                if self._accept(text, start, end, alias):
                    candidates.append(AliasHit(alias.entity_id, start, end, alias.via))
                    break
        return leftmost_longest(candidates)

    @staticmethod
    def _accept(text: str, start: int, end: int, alias: _Alias) -> bool:
        surface = text[start:end]
        if alias.exact:
            if surface != alias.surface:
                return False
        elif not (surface[:1].isupper() or not surface[:1].isalpha()):
            return False
        if alias.cjk:
            return True
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        # Chinese writes Latin names without spaces ("“恐慌指数”VIX一度"): a CJK character is a boundary
        if (before.isalnum() and not _has_cjk(before)) or before in "_-":
            return False
        glued = after == "-" and end + 1 < len(text) and text[end + 1].isalnum()
        return not ((after.isalnum() and not _has_cjk(after)) or after in "_$" or glued)
