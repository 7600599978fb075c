"""The modality of a mention, and the cue that set it.

Rules, in order (the first that applies decides):

1. **Sentence cues**, outside quotations, anywhere in the sentence: a denial ("denied reports")
   makes the mention ``denied``; an attribution to unnamed sources ("people familiar with the
   matter", "reportedly", "according to a report") makes it ``rumored``, unless rule 3 finds a
   negation.
2. **A media outlet as the source** ("The Sankei said Toshiba and Fujitsu are in talks"): rumored.
3. **Clause cues**, between the start of the trigger's clause and the trigger (or inside a
   trigger's gap: "revenue could rise"), the one nearest the trigger: "is considering", "in talks
   to" (rumored), "plans to", "is expected to" (expected), "did not", "scrapped plans to"
   (negated). A cue after the trigger is about something else ("will recall cars for a
   potentially defective system": the hedge is about the defect, not the recall), and so is a
   cue in another clause. A negation in the clause outweighs an attribution ("people familiar
   said it had no plans to settle" is negated).
4. The type's own default modality (``modality`` in the taxonomy), else ``confirmed``.

A cue that overlaps the trigger does not count ("refute rumours" is no rumour), and a rumour
denial is itself a confirmed statement whatever it denies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clauses import inside
from .taxonomy import EventType, Taxonomy

SPEECH = {"statement", "rumor_denial"}
_TO = re.compile(r"to\s+", re.I)
_SAID = re.compile(r"\s*(?:has\s+|had\s+)?(?:said|says|reported|reports|wrote|writes|cited|citing)\b", re.I)


@dataclass(frozen=True)
class ModalityCue:
    modality: str
    start: int
    end: int
    text: str


def modality_of(
    text: str,
    etype: EventType,
    trigger: tuple[int, int],
    sentence: tuple[int, int],
    clause_start: int,
    quotes: list[tuple[int, int]],
    taxonomy: Taxonomy,
    media: tuple[tuple[int, int], ...] = (),
) -> ModalityCue | None:
    """The cue deciding the mention's modality, or None when it is the type's default."""
    skip = _skipped(etype)
    infinitive = _TO.match(text, trigger[0])
    if infinitive is not None:  # "plans to buy": the cue may end in the trigger's "to"
        trigger = (infinitive.end(), trigger[1])
    clause = _nearest_clause_cue(text, trigger, _clause_head(text, clause_start, sentence[0], taxonomy), quotes,
                                 taxonomy, skip, etype)
    for name in ("denied", "rumored"):
        cues = taxonomy.cues.get(name)
        if name in skip or cues is None or cues.sentence is None:
            continue
        if name == "rumored" and clause is not None and clause.modality == "negated":
            return clause  # "people familiar said it had no plans to settle": what they say is a negation
        for m in cues.sentence.finditer(text, *sentence):
            if not _overlaps(m, trigger) and not inside(m.start(), quotes):
                return ModalityCue(name, m.start(), m.end(), m.group(0))
    if "rumored" not in skip:
        for a, b in media:
            said = _SAID.match(text, b)
            if said is not None and b <= trigger[0] and not inside(a, quotes):
                return ModalityCue("rumored", a, said.end(), text[a : said.end()])
    return clause


def _clause_head(text: str, clause_start: int, sentence_start: int, taxonomy: Taxonomy) -> int:
    """Where a clause starts for its cues: at the word that opens it ("which reports results on
    Thursday" is a scheduled report), not after it."""
    if taxonomy.clause_break_re is None:
        return clause_start
    for m in taxonomy.clause_break_re.finditer(text, max(sentence_start, clause_start - 12), clause_start):
        if m.end() == clause_start and text[m.start()].isalpha():
            return m.start()
    return clause_start


def _nearest_clause_cue(
    text: str, trigger: tuple[int, int], clause_start: int, quotes: list[tuple[int, int]], taxonomy: Taxonomy,
    skip: set[str], etype: EventType | None = None,
) -> ModalityCue | None:
    best: ModalityCue | None = None
    lists = [(name, cues.clause) for name, cues in taxonomy.cues.items()]
    lists += [(name, pattern) for name, pattern in (etype.cue_res.items() if etype else ())]
    for name, pattern in lists:
        if name in skip or pattern is None:
            continue
        for m in pattern.finditer(text, clause_start, trigger[1]):
            if m.start() <= trigger[0] < m.end() or m.start() < trigger[0] < m.end() or inside(m.start(), quotes):
                continue  # part of the trigger ("expected to achieve")
            if m.start() >= trigger[0] and m.end() > trigger[1]:
                continue
            cue = ModalityCue(name, m.start(), m.end(), m.group(0))
            if best is None or (cue.end, cue.end - cue.start) > (best.end, best.end - best.start):
                best = cue
    if best is None:
        best = _predicate_cue(text, trigger, quotes, taxonomy, skip)
    return best


_SUBJECT_TAIL = re.compile(r"(?:\s+(?:filed|brought|launched|announced|planned|proposed)\s+by\s+[^,;.]{1,60}?)?\s+$")


def _predicate_cue(
    text: str, trigger: tuple[int, int], quotes: list[tuple[int, int]], taxonomy: Taxonomy, skip: set[str]
) -> ModalityCue | None:
    """An ``after`` cue right after the trigger noun, or after a short "filed by ..." that
    qualifies it: the trigger is the subject, the cue its predicate ("A lawsuit filed by drivers
    is scheduled for trial in June": expected)."""
    for name, cues in taxonomy.cues.items():
        if name in skip or cues.after is None:
            continue
        for m in cues.after.finditer(text, trigger[1], min(len(text), trigger[1] + 90)):
            if _SUBJECT_TAIL.fullmatch(text, trigger[1], m.start()) and not inside(m.start(), quotes):
                return ModalityCue(name, m.start(), m.end(), m.group(0))
    return None


def _skipped(etype: EventType) -> set[str]:
    if etype.name == "rumor_denial":
        return {"denied", "rumored"}  # a rumour denial is itself a confirmed statement
    if etype.name in SPEECH:
        return {"denied"}
    return set()


def _overlaps(m: re.Match[str], trigger: tuple[int, int]) -> bool:
    return m.start() < trigger[1] and trigger[0] < m.end()
