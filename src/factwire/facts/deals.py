"""Who buys whom in a story: the buyer owns a deal's value, offer price and premium.

A deal's figures are written next to the company bought ("to buy Textura Corp for $663
million"), so the nearest company is usually the wrong owner. The story says once who buys
whom, in an active clause ("Oracle said it would buy Textura"), a passive one ("was acquired
by Dell"), a sale ("sell the unit to Siris") or a noun phrase ("Pfizer's purchase of Anacor");
those relations are read from every sentence, and a target with one buyer hands its deal
figures to that buyer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # candidate.py builds the story with deal_buyers
    from .candidate import Owner

_BUY = re.compile(
    r"\b(?:to\s+buy|buys|bought|buying|will\s+buy|would\s+buy|agreed\s+to\s+buy|to\s+acquire|acquires|acquired|"
    r"acquiring|will\s+acquire|would\s+acquire|agreed\s+to\s+acquire|to\s+purchase|purchased|purchases|"
    r"to\s+take\s+over|took\s+over|takes\s+over|(?:bid|bids|offer|offers|offered)\s+(?:to\s+buy|to\s+acquire|for)|"
    r"(?:acquisition|purchase|takeover|buyout)\s+of)\b",
    re.IGNORECASE,
)
_PARTIES = ("company", "product", "platform")  # LinkedIn is bought as a company
_SELL = re.compile(r"\b(?:sell|sells|sold|selling)\b", re.IGNORECASE)
_BY = re.compile(r"^\s*(?:\([^)]*\)\s*)?(?:,[^,]{0,60},\s*)?(?:in\s+\w+\s+)?by\s+(?:the\s+)?$", re.IGNORECASE)
# between a buyer and its verb: "Oracle Corp said on Thursday it would", "Tesla, which ... ,"
_BUYER_GAP = re.compile(r"^[^;:]{0,90}$")
_OTHER_VERB_GAP = re.compile(r"\b(?:and|but|while|whose|from)\b", re.IGNORECASE)


def deal_buyers(text: str, sentences: Iterable[tuple[int, int]], owners: Sequence[Owner]) -> dict[str, str]:
    """Map each company a story says is bought to its buyer: the buyer it names most often, the
    first named on a tie ("expected Anacor to be acquired by Allergan" after three sentences on
    Pfizer buying it)."""
    found: dict[str, list[str]] = {}
    companies = [o for o in owners if o.type in _PARTIES]
    for start, end in sentences:
        here = [o for o in companies if start <= o.start < end]
        if len(here) < 2:
            continue
        for buyer, target in _relations(text, start, end, here):
            if target is None:
                continue
            b, t = buyer.company()[0], target.company()[0]
            if b != t:
                found.setdefault(t, []).append(b)
    return {t: max(dict.fromkeys(b), key=b.count) for t, b in found.items()}


def buyer_of(
    entity_id: str, text: str, start: int, end: int, owners: Sequence[Owner], story_buyers: dict[str, str]
) -> str:
    """Who owns a deal figure the rules gave to ``entity_id`` in the sentence [start, end): the
    entity itself when it buys here, its buyer when it is bought (here, else in the story)."""
    here = [o for o in owners if start <= o.start < end and o.type in _PARTIES]
    pairs = [(b.company()[0], t.company()[0] if t else None) for b, t in _relations(text, start, end, here)]
    if any(b == entity_id for b, _ in pairs):
        return entity_id
    for b, t in pairs:
        if t in (entity_id, None) and b != t:
            return b
    return story_buyers.get(entity_id, entity_id)


def _relations(text: str, start: int, end: int, owners: list[Owner]) -> Iterable[tuple[Owner, Owner | None]]:
    for m in _BUY.finditer(text, start, end):
        after = [o for o in owners if m.end() <= o.start <= m.end() + 90]
        before = [o for o in owners if o.end <= m.start()]
        if not after:
            continue
        target = after[0]
        passive = [o for o in after if _BY.match(text[m.end() : o.start]) or _BY.match(text[target.end : o.start])]
        if m.group(0).lower().startswith(("acquired", "bought", "purchased")) and passive:
            # "was acquired by Dell": the target is before the verb
            # "it was acquired by Dell": with no company before, the target is a pronoun
            yield passive[0], (before[-1] if before else None)
            continue
        buyer = _buyer_before(text, before, m.start())
        if buyer is not None:
            yield buyer, target
    for m in _SELL.finditer(text, start, end):
        after = [o for o in owners if m.end() <= o.start <= m.end() + 120]
        for i, o in enumerate(after[1:], 1):
            if re.search(r"\bto\s+(?:the\s+)?(?:[\w.&'-]+\s+){0,3}$", text[after[i - 1].end : o.start]):
                yield o, after[0]  # "sell its stake in MphasiS to Blackstone"
                break


def _buyer_before(text: str, before: list[Owner], verb_start: int) -> Owner | None:
    """The company that is the subject of a buying verb: the last one before it, close enough
    and with no other clause between ("Oracle Corp said on Thursday it would buy")."""
    if not before:
        return None
    o = before[-1]
    gap = text[o.end : verb_start]
    possessive = re.match(r"^['’]s(?:\s+[a-z-]+){0,2}\s*$", gap)  # "Pfizer's purchase of Anacor"
    if possessive or (_BUYER_GAP.match(gap) and not _OTHER_VERB_GAP.search(gap)):
        return o
    return None
