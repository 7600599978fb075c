"""Find event mentions in a sentence: trigger candidates, then an ordered list of named rules.

``find_candidates`` returns every trigger match of every type whose lead words occur in the
sentence, as plain values. ``RULES`` then settles them, in order; each rule takes the candidates
of one sentence and returns the ones it keeps (see each rule's docstring):

    bylines, habitual_sentences, hypothetical_sentences       whole sentences that tell no event
    quoted_triggers, required_words, excluded_words, clause_vetoes, bare_subjects, comparison_bases
    first_of_each_type, suppressed_types, statements_alone    resolving the sentence's candidates
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..models import Sentence
from .clauses import clause_span, inside
from .taxonomy import CJK, EventType, Taxonomy, tokens

SPEECH = {"statement", "rumor_denial"}
CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_BYLINE = re.compile(r"\b(?:Written|Edited|Produced|Reported|Compiled|Translated)\s+by\b")


@dataclass(frozen=True)
class EntitySpan:
    id: str
    type: str
    parent: str | None
    start: int
    end: int


@dataclass(frozen=True)
class SentenceView:
    """What the rules read of one sentence: the document text, the sentence, its entity mentions
    and the document's quotations."""

    text: str
    sentence: Sentence
    entities: tuple[EntitySpan, ...] = ()
    quotes: tuple[tuple[int, int], ...] = ()

    @property
    def bounds(self) -> tuple[int, int]:
        return self.sentence.start, self.sentence.end

    @property
    def content(self) -> str:
        return self.text[self.sentence.start : self.sentence.end]


@dataclass(frozen=True)
class Candidate:
    """A trigger of a type in a sentence, with the clause around it; ``weak`` when it tells of
    the event only in passing (a weak trigger of the taxonomy)."""

    type: EventType
    start: int
    end: int
    clause: tuple[int, int]
    weak: bool = False
    bare: bool = False  # a bare trigger: needs a subject before it in its clause
    later: tuple[tuple[int, int], ...] = ()  # later triggers of the type in the sentence, which may date it

    @property
    def trigger(self) -> tuple[int, int]:
        return self.start, self.end


Rule = Callable[[list[Candidate], SentenceView, Taxonomy], list[Candidate]]


def find_candidates(view: SentenceView, taxonomy: Taxonomy) -> list[Candidate]:
    text, (start, end) = view.text, view.bounds
    words = tokens(text, start, end)
    if CJK_CHAR.search(text, start, end):
        words.append((CJK, start))
    found = []
    for etype in taxonomy.candidates({w for w, _ in words}):
        for index, weak, bare in ((etype.triggers, False, False), (etype.weak, True, False), (etype.bare, False, True)):
            if index is None:
                continue
            for a, b in index.matches(text, start, end, words):
                clause = clause_span(text, a, b, view.bounds, taxonomy.clause_break_re)
                found.append(Candidate(etype, a, b, clause, weak, bare))
    found.sort(key=lambda c: (c.weak, c.start, -c.end))
    return found


def find_mentions(view: SentenceView, taxonomy: Taxonomy, rules: list[Rule] | None = None) -> list[Candidate]:
    """The sentence's mentions: its candidates settled by ``rules`` (default ``RULES``)."""
    candidates = find_candidates(view, taxonomy)
    for rule in RULES if rules is None else rules:
        if not candidates:
            break
        candidates = rule(candidates, view, taxonomy)
    return candidates


# -- whole sentences ------------------------------------------------------------------------


def bylines(cands: list[Candidate], view: SentenceView, taxonomy: Taxonomy) -> list[Candidate]:
    """A credit line ("Reported by ...", "Edited by ...") tells no event."""
    s = view.sentence
    return [] if _BYLINE.search(view.text, s.start, min(s.end, s.start + 120)) else cands


def habitual_sentences(cands: list[Candidate], view: SentenceView, taxonomy: Taxonomy) -> list[Candidate]:
    """A habitual sentence ("has frequently helped Xiaomi refute rumours") tells no event."""
    if taxonomy.habitual_re is not None and taxonomy.habitual_re.search(view.text, *view.bounds):
        return []
    return cands


def hypothetical_sentences(cands: list[Candidate], view: SentenceView, taxonomy: Taxonomy) -> list[Candidate]:
    """A sentence opening with "If" or "Unless" tells no event."""
    if taxonomy.hypothetical_re is not None and taxonomy.hypothetical_re.match(view.text, view.sentence.start):
        return []
    return cands


# -- one candidate at a time ----------------------------------------------------------------


def quoted_triggers(cands: list[Candidate], view: SentenceView, taxonomy: Taxonomy) -> list[Candidate]:
    """Inside a quotation only speech counts: the quotation is the statement."""
    return [c for c in cands if c.type.name in SPEECH or not inside(c.start, list(view.quotes))]


def required_words(cands: list[Candidate], view: SentenceView, taxonomy: Taxonomy) -> list[Candidate]:
    """A type with ``requires`` words needs one of them in the sentence ("delivered" needs
    "announced", "reported"...)."""
    return [c for c in cands if c.type.requires_re is None or c.type.requires_re.search(view.text, *view.bounds)]


def excluded_words(cands: list[Candidate], view: SentenceView, taxonomy: Taxonomy) -> list[Candidate]:
    """A type's ``excludes`` words anywhere in the sentence rule it out ("strike price")."""
    return [c for c in cands if c.type.excludes_re is None or not c.type.excludes_re.search(view.text, *view.bounds)]


def clause_vetoes(cands: list[Candidate], view: SentenceView, taxonomy: Taxonomy) -> list[Candidate]:
    """A type's ``clause_excludes`` words before the trigger in its clause make the trigger part of
    something else: "revenue fell 5 percent" is no share move."""
    return [c for c in cands if c.type.clause_excludes_re is None or not _vetoed(c, view.text)]


def _vetoed(c: Candidate, text: str) -> bool:
    """A veto phrase starting before the trigger in its clause; it may run into the trigger
    ('has a "hold" rating')."""
    return any(m.start() < c.start for m in c.type.clause_excludes_re.finditer(text, c.clause[0], c.end))  # type: ignore[union-attr]


def bare_subjects(cands: list[Candidate], view: SentenceView, taxonomy: Taxonomy) -> list[Candidate]:
    """A bare trigger ("slipped 2.8 percent") counts only when its subject is named before it in its
    clause, or before an aside that opens the clause ("Shares of the company, which also reported
    a revenue miss, fell 4 percent"): an entity of the type's subject types ("Costco slipped 2.8
    percent") or one of its ``subject_words`` ("its shares were down 3 percent")."""
    out = []
    for c in cands:
        if c.bare:
            start = _subject_start(view, c.clause[0], taxonomy)
            kinds = set(c.type.spec.subject) | {"product"}
            named = any(start <= e.start and e.end <= c.start and e.type in kinds for e in view.entities)
            worded = c.type.subject_words_re is not None and c.type.subject_words_re.search(view.text, start, c.start)
            if not (named or worded):
                continue
        out.append(c)
    return out


_ASIDE = re.compile(r",\s*(?:which|who|whose|whom|whereby)\b[^,;]*,\s*$", re.I)


def _subject_start(view: SentenceView, clause_start: int, taxonomy: Taxonomy) -> int:
    """Where the subject of a clause may start: before any asides that end right at the clause."""
    start = clause_start
    for _ in range(3):
        m = _ASIDE.search(view.text, view.sentence.start, start)
        if m is None:
            break
        start = clause_span(view.text, m.start(), m.start() + 1, view.bounds, taxonomy.clause_break_re)[0]
    return start


def comparison_bases(cands: list[Candidate], view: SentenceView, taxonomy: Taxonomy) -> list[Candidate]:
    """For reporting types, a trigger in a clause that is the basis of a comparison ("up from a
    profit of $3bn", "compared with revenue of $5bn a year earlier") is not news of its own."""
    if taxonomy.comparison_re is None:
        return cands
    return [
        c for c in cands
        if c.type.name not in taxonomy.reporting_types
        or not taxonomy.comparison_re.search(view.text, c.clause[0], c.start)
    ]


# -- the sentence's candidates together -----------------------------------------------------


def first_of_each_type(cands: list[Candidate], view: SentenceView, taxonomy: Taxonomy) -> list[Candidate]:
    """One mention of a type per sentence: its first trigger, a weak one only when it has no other.
    Its later triggers are kept to date it when the first cannot ("Activist investor X, which
    owns 6 percent, launched a proxy fight on November 4th")."""
    first: dict[str, Candidate] = {}
    for c in sorted(cands, key=lambda c: (c.weak, c.start)):
        if c.type.name not in first:
            first[c.type.name] = c
        elif c.start > first[c.type.name].start:
            kept = first[c.type.name]
            first[c.type.name] = replace(kept, later=(*kept.later, c.trigger))
    return sorted(first.values(), key=lambda c: c.start)


def suppressed_types(cands: list[Candidate], view: SentenceView, taxonomy: Taxonomy) -> list[Candidate]:
    """A type listed in another found type's ``suppresses`` goes (a profit warning is not also a
    guidance; a listing that "debuted on the Nasdaq" is no product launch)."""
    suppressed = {name for c in cands for name in c.type.spec.suppresses}
    return [c for c in cands if c.type.name not in suppressed]


def statements_alone(cands: list[Candidate], view: SentenceView, taxonomy: Taxonomy) -> list[Candidate]:
    """A plain statement counts only when nothing else was found, and only with a speaker (a
    person, company or organisation) named before its verb."""
    others = [c for c in cands if c.type.name != "statement"]
    if others:
        return others
    return [
        c for c in cands
        if any(e.end <= c.start and e.type in ("person", "company", "organisation") for e in view.entities)
    ]


RULES: list[Rule] = [
    bylines,
    habitual_sentences,
    hypothetical_sentences,
    quoted_triggers,
    required_words,
    excluded_words,
    clause_vetoes,
    bare_subjects,
    comparison_bases,
    first_of_each_type,
    suppressed_types,
    statements_alone,
]

