"""Detect a story's events: find mentions sentence by sentence, resolve each, merge them.

For each sentence:

1. **Mentions** (``mentions.py``): trigger candidates of the taxonomy's types, settled by an
   ordered list of named rules (bylines, habitual and hypothetical sentences, quoted triggers,
   required and excluded words, clause vetoes, comparison bases, one mention per type,
   suppression between types, statements only alone).
2. **Main entity**: the speaker for speech; otherwise the first entity of the type's subject
   types named before the trigger (a product stands for its company, a person for theirs in
   personnel news; ``subject_after`` types take the first one after it); otherwise the previous
   event's company. A mention whose main entity is not corporate (a place, an index, an agency)
   or that has none in a story naming no company is no corporate event and is dropped.
3. **Date** (``dates.py``): the mention's own date, the day last named for "on the same day",
   or none (then the story's day, or in a story whose lead names no day the day last named; no
   date at all for a reference to a happening the story does not date: "following its
   acquisition of Alcatel-Lucent"); types with
   ``date_kinds`` need a date of those kinds ("shares have fallen 5 percent this year" is no
   share move). A reference back ("the accident") takes no date of its own.
4. **Modality** (``modality.py``): sentence cues, a media outlet as the source, then the clause
   cue nearest before the trigger; the cue is kept on the event.
5. **Attributes**: from the sentence's facts (fatalities, vehicles recalled, revenue...), flags
   such as ``fire``, the ``measures`` a results event speaks of (profit, revenue, sales...) and
   for reporting types the reporting or target period.

Mentions then merge into events (``story.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..entities.families import family_roots
from ..models import Analysis, Cue, Event, Evidence, Fact, Period, Sentence
from .clauses import quote_spans
from .dates import (
    LEAD_SENTENCES,
    SAME_DAY,
    advance_story_time,
    distance,
    is_basis,
    later_if_past,
    mention_dates,
    relative_date,
    story_day,
)
from .mentions import Candidate, EntitySpan, SentenceView, find_mentions
from .modality import ModalityCue, modality_of
from .story import (
    MERGE_WINDOW_DAYS,
    Draft,
    finalize,
    fold_denials,
    fold_headlines,
    fold_parts,
    fold_rumours,
    fold_statements,
    fold_weak,
    merge,
)
from .taxonomy import EventType, Taxonomy

SPEECH = {"statement", "rumor_denial"}
PERSONNEL = {"executive_change", "appointment", "resignation"}
CORPORATE = {"company", "person", "product", "other"}  # "other": a name of unknown kind may be a company
# "the accident", "this recall", "the police investigation", "the two traffic accidents": a
# reference back to a known event. Only determiners and a few modifiers may stand between
# ("that it delivered" and "the company appointed" are not references).
_DEFINITE = re.compile(
    r"\b(?:the|this|that|these|those)\s+(?:(?:two|three|both|same|fatal|deadly|severe|serious|traffic|police|"
    r"car|vehicle|safety|whole|entire|earlier|previous|above|aforementioned)\s+){0,2}$",
    re.I,
)


@dataclass
class _Story:
    """What the resolution of every mention of a story reads."""

    text: str
    taxonomy: Taxonomy
    entities: list[EntitySpan]
    roots: dict[str, str]
    types_of: dict[str, str]
    employed: set[str]
    names_company: bool
    facts_by_sentence: dict[int, list[Fact]]
    periods_by_sentence: dict[int, list[Period]]
    quotes: list[tuple[int, int]]
    day: str | None  # the story's day
    wire: bool  # the lead names the story's day
    published: date | None
    headline: int | None  # the headline's paragraph
    lead_end: int  # first sentence index after the lead
    subject: str | None  # the story's first company
    clock: str | None = None  # the day last named
    last_main: str | None = None
    last_company: str | None = None


def detect_events(analysis: Analysis, taxonomy: Taxonomy, max_age_days: int = 365) -> list[Event]:
    story = _story(analysis, taxonomy)
    drafts: list[Draft] = []
    for sentence in analysis.sentences:
        s_entities = tuple(e for e in story.entities if sentence.start <= e.start < sentence.end)
        view = SentenceView(story.text, sentence, s_entities, tuple(story.quotes))
        for mention in find_mentions(view, taxonomy):
            for draft in _resolve(mention, view, story):
                merge(drafts, draft, draft.date is None and _anaphoric(story.text, sentence, mention))
                story.last_main = draft.main or story.last_main
                if draft.main and story.types_of.get(draft.main, "company") == "company":
                    story.last_company = draft.main
        periods = story.periods_by_sentence.get(sentence.index, [])
        story.clock = advance_story_time(story.text, sentence, periods, story.quotes, story.clock)
    fold_weak(drafts, story.subject)
    fold_parts(drafts)
    fold_rumours(drafts)
    fold_headlines(drafts)
    fold_denials(drafts)
    fold_statements(drafts, keep=taxonomy.emit_statements)
    return finalize(drafts, story.published, max_age_days)


def _story(analysis: Analysis, taxonomy: Taxonomy) -> _Story:
    text = analysis.document.text
    entities = _entities(analysis)
    facts_by_sentence: dict[int, list[Fact]] = {}
    for f in analysis.facts:
        facts_by_sentence.setdefault(f.evidence.sentence, []).append(f)
    periods_by_sentence: dict[int, list[Period]] = {}
    for p in analysis.periods:
        periods_by_sentence.setdefault(p.sentence, []).append(p)
    quotes = quote_spans(text)
    published = analysis.document.published_at
    day, wire = story_day(text, analysis.sentences, periods_by_sentence, quotes, published,
                          analysis.document.body_offset)
    body = [s.index for s in analysis.sentences if s.start >= analysis.document.body_offset]
    subject = next((e.id for e in analysis.entities if e.type == "company"), None)
    return _Story(
        text=text,
        taxonomy=taxonomy,
        entities=entities,
        roots=family_roots(entities),
        types_of={e.id: e.type for e in entities},
        employed={e.id for e in entities if e.type == "person" and e.parent},
        # a single sentence (a headline, a quote) may leave its company unnamed; a story names it
        names_company=any(e.type in ("company", "product", "other") for e in entities) or len(analysis.sentences) < 2,
        facts_by_sentence=facts_by_sentence,
        periods_by_sentence=periods_by_sentence,
        quotes=quotes,
        day=day,
        wire=wire,
        published=published,
        headline=analysis.sentences[0].paragraph if analysis.document.title and analysis.sentences else None,
        lead_end=body[min(LEAD_SENTENCES, len(body)) - 1] + 1 if body else 0,
        subject=subject,
        last_main=subject,
        last_company=subject,
    )


def _anaphoric(text: str, sentence: Sentence, mention: Candidate) -> bool:
    """"the accident", "the recall scope": a reference back, whatever the sentence's date."""
    return _DEFINITE.search(text, max(sentence.start, mention.start - 30), mention.start) is not None and (
        re.match(r"\s+of\b", text[mention.end : mention.end + 4]) is None
    )


def _resolve(mention: Candidate, view: SentenceView, story: _Story) -> list[Draft]:
    """The drafts one mention makes (one per date: "accidents in March and October"), or none
    when it is no corporate event or its dates are not of the type's kinds."""
    text, sentence, etype = story.text, view.sentence, mention.type
    s_entities = view.entities
    main = _main_entity(etype, (mention.trigger, *mention.later), s_entities,
                        story.last_main if etype.name in SPEECH else story.last_company)
    if not _corporate(main, story.types_of, story.names_company or main in story.employed):
        return []
    media = tuple((e.start, e.end) for e in s_entities if e.type == "media")
    found = modality_of(text, etype, mention.trigger, view.bounds, mention.clause[0], story.quotes, story.taxonomy,
                        media)
    modality = found.modality if found else (etype.spec.modality or "confirmed")
    periods = story.periods_by_sentence.get(sentence.index, [])
    anchor, dates = _dates(mention, view, story, periods, found, modality)
    if anchor is None:
        return []
    background = _background(text, mention, anchor, story.taxonomy)
    if background:
        dates = mention_dates(text, sentence, etype, anchor, periods, story.taxonomy, own_only=True)
    cue = Cue(text=found.text, sentence=sentence.index, start=found.start, end=found.end) if found else Cue()
    trigger = Cue(text=text[anchor[0] : anchor[1]], sentence=sentence.index, start=anchor[0], end=anchor[1])
    story_time = None if background else _story_time(text, sentence, story.day, story.clock, story.wire)
    drafts = []
    for when in dates or [None]:
        draft = Draft(
            type=etype,
            date=when,
            story_time=story_time,
            modality=modality,
            main=main,
            family=story.roots.get(main or "", main),
            trigger=trigger,
            cue=cue,
            participants=_participants(etype, s_entities, main, story.types_of),
            attributes=_attributes(text, sentence, mention, story.facts_by_sentence.get(sentence.index, []),
                                   periods, main, story.roots, story.taxonomy, {e.id for e in s_entities}),
            evidence=[Evidence(sentence=sentence.index, start=sentence.start, end=sentence.end,
                               text=text[sentence.start : sentence.end])],
            order=mention.start,
            headline_only=story.headline is not None and sentence.paragraph == story.headline,
            weak=mention.weak,
            lead=sentence.index < story.lead_end,
            window=0 if story.wire else MERGE_WINDOW_DAYS,
        )
        if when is not None:
            draft.primary = (modality, cue, trigger)
        drafts.append(draft)
    return drafts


def _dates(
    mention: Candidate, view: SentenceView, story: _Story, periods: list[Period], found: ModalityCue | None,
    modality: str,
) -> tuple[tuple[int, int] | None, list[str]]:
    """The trigger that dates the mention and its dates: the first of its triggers with dates of
    the type's ``date_kinds`` ("shares, which have fallen 5 percent this year, were down 0.7
    percent": the second); else the first without dates; else (None, []): no event."""
    text, sentence, etype = story.text, view.sentence, mention.type
    if _anaphoric(text, sentence, mention):
        return mention.trigger, []
    cue_end = found.end if found is not None and found.modality == "denied" else -1
    undated: tuple[int, int] | None = None
    for anchor in (mention.trigger, *mention.later):
        shifted = relative_date(text, sentence, anchor, periods, story.day)
        dates = [shifted] if shifted else mention_dates(text, sentence, etype, anchor, periods, story.taxonomy,
                                                        cue_end, future=modality == "expected")
        if modality == "expected":
            dates = [later_if_past(d, periods, story.published) for d in dates]
        if not dates:
            undated = undated or anchor
            continue
        if etype.spec.date_kinds and not all(_kind(d) in etype.spec.date_kinds for d in dates):
            continue  # "shares have fallen 5 percent this year" is no share move
        # "this year" holding the story's day dates nothing the story's day does not
        return anchor, [d for d in dates if not (len(d) == 4 and story.day and story.day.startswith(d))]
    return undated, []


def _background(text: str, mention: Candidate, anchor: tuple[int, int], taxonomy: Taxonomy) -> bool:
    """A trigger referred to as a past or pending happening ("following its acquisition of
    Alcatel-Lucent"): the story does not date it, so neither do we."""
    if taxonomy.background_re is None:
        return False
    return any(len(text[m.end() : anchor[0]].split()) <= 4
               for m in taxonomy.background_re.finditer(text, mention.clause[0], anchor[0]))


def _story_time(text: str, sentence: Sentence, day: str | None, clock: str | None, wire: bool) -> str | None:
    """When an undated mention happened: the day last named for "on the same day"; else the story's
    day in a story whose lead names it, else the day last named."""
    if clock and SAME_DAY.search(text, sentence.start, sentence.end):
        return clock
    return day if wire or clock is None else clock


def _kind(value: str) -> str:
    if "/" in value:
        return "range"
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "quarter" if "Q" in value else "half")


def _corporate(main: str | None, types_of: dict[str, str], names_company: bool) -> bool:
    """Corporate events only: the main participant is a company, or a person or product of
    one (a person counts when the story names a company, or the person is known to work for one);
    with none named, the story must name a company (a lone sentence need not)."""
    if main is None:
        return names_company
    kind = types_of.get(main, "company")
    if kind == "person":
        return names_company
    return kind in CORPORATE


def _entities(analysis: Analysis) -> list[EntitySpan]:
    out = [EntitySpan(e.id, e.type, e.parent, m.start, m.end) for e in analysis.entities for m in e.mentions]
    out.sort(key=lambda e: e.start)
    return out


def _main_entity(
    etype: EventType, triggers: tuple[tuple[int, int], ...], s_entities: tuple[EntitySpan, ...], fallback: str | None
) -> str | None:
    """The speaker for speech; else the first type of ``subject`` named (a product standing for
    its company, a person for theirs in personnel news), nearest the trigger; for ``subject_after``
    types the first named after the last trigger that has one after it ("Activist investor X,
    which owns 6 percent of Y, launched a proxy fight at Y": Y); else ``fallback``."""
    trigger = triggers[0]
    if etype.name in SPEECH:
        speakers = [e for e in s_entities if e.end <= trigger[0] and e.type in ("person", "company", "organisation")]
        people = [e for e in speakers if e.type == "person"]
        return (people or speakers)[-1].id if (people or speakers) else fallback
    for kind in etype.spec.subject:
        pool = [e for e in s_entities if e.type == kind]
        if kind == "company":
            pool += [EntitySpan(p.parent, "company", None, p.start, p.end) for p in s_entities
                     if p.type == "product" and p.parent]
            if etype.name in PERSONNEL:
                pool += [EntitySpan(p.parent, "company", None, p.start, p.end) for p in s_entities
                         if p.type == "person" and p.parent]
        if not pool:
            continue
        pool.sort(key=lambda e: e.start)
        if etype.spec.subject_after:
            for start, _ in reversed(triggers):
                after = [e for e in pool if e.start >= start]
                if after:
                    return after[0].id
        before = [e for e in pool if e.end <= trigger[0]]
        return (before or pool)[0].id
    return fallback


def _participants(
    etype: EventType, s_entities: tuple[EntitySpan, ...], main: str | None, types_of: dict[str, str]
) -> dict[str, str]:
    roles: dict[str, str] = {}
    if main:  # the main entity comes first
        kind = types_of.get(main, "company")
        roles[main] = "authority" if kind == "organisation" else kind
    expected = set(etype.spec.roles)
    for e in s_entities:
        if e.id in roles:
            continue
        if e.type == "company":
            role = "company" if (e.id == main or "counterparty" not in expected or not roles) else "counterparty"
        elif e.type == "organisation":
            role = "authority" if "authority" in expected else "organisation"
        elif e.type in ("person", "product", "platform", "place", "index"):
            role = e.type
        else:
            continue  # media: the source, not a participant
        roles[e.id] = role
    return roles


def _attributes(
    text: str, sentence: Sentence, mention: Candidate, facts: list[Fact], periods: list[Period],
    main: str | None, roots: dict[str, str], taxonomy: Taxonomy, named: set[str],
) -> dict[str, Any]:
    etype = mention.type
    attrs: dict[str, Any] = {}
    family = roots.get(main or "", main)
    for f in facts:
        name = etype.spec.attributes.get(f.metric)
        about = f.entity_id is None or f.entity_id in named or roots.get(f.entity_id, f.entity_id) == family
        if name and about:
            attrs.setdefault(name, f.value)
            if f.product:
                attrs.setdefault("product", f.product)
    for flag, pattern in etype.flag_res.items():
        if pattern.search(text, sentence.start, sentence.end):
            attrs[flag] = True
    if etype.name in taxonomy.measured_types:
        measures = sorted(m for m, pattern in taxonomy.measures.items()
                          if pattern.search(text, sentence.start, sentence.end))
        if measures:
            attrs["measures"] = measures
    if etype.name in taxonomy.reporting_types:
        reporting = [p for p in periods if p.kind in ("quarter", "half", "year", "range", "month")
                     and not is_basis(text, sentence.start, p)]
        after = [p for p in reporting if p.start >= mention.end]
        if etype.name == "guidance" and after:
            attrs["target_period"] = after[0].value
        elif reporting:
            attrs["period"] = min(reporting, key=lambda p: distance(p, mention.trigger)).value
    return attrs
