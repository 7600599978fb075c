"""When a mention happened: its own date, the story's day, and the story's clock.

- **A mention's date** is the nearest day in its sentence, else the nearest month, else any other
  period, among the periods that can date it:
  - not a basis of comparison ("from", "than", "compared with", "since", "until");
  - "as of" dates only the ``as_of_types`` (stock moves); for the others it is the time of writing;
  - not inside an aside before the trigger ("Walmart, which reports results on Thursday, was down");
  - not after a date break that follows the trigger ("shares fell 10 percent after it said sales
    would reach 1 billion euros in 2015": 2015 is not the day of the fall);
  - for reporting types (earnings, guidance...), quarters, halves and years are the reported
    period, not the date, and so is the end of one ("the quarter ended Dec. 31");
  - speech uses periods before its verb, and "said on November 16th that ...".
  "Accidents in March and October" gives one date per month.
- **Relative dates**: "a day after", "a month before" shift the day or month named before them.
- **Expected events** prefer the period after the trigger (when it will happen), and a bare weekday
  or month that resolved to the past means the next one.
- **The story's day** is the first weekday, "today" or "yesterday" named in the lead (its first
  sentences, outside quotations and before publication), else the publication date: "IBM ...
  shares fell in extended trading on Tuesday" in a Wednesday story puts its news on Tuesday.
- **An undated mention** takes the story's day when the lead names it (a wire story tells all
  its news on that day); otherwise, as in a feature that walks through a story day by day, the
  day last named before it (not a period's end, not quoted, not a basis of comparison), starting
  at the publication date. "On the same day" takes the day last named.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..models import Period, Sentence
from ..periods.value import PeriodValue
from .clauses import inside
from .taxonomy import EventType, Taxonomy

SPEECH = {"statement", "rumor_denial"}
LEAD_SENTENCES = 4
_BASIS_BEFORE = re.compile(r"(?:\bfrom|\bthan|\bcompared\s+(?:with|to)|\bsince|\buntil)\s+(?:the\s+)?$", re.I)
_AS_OF_BEFORE = re.compile(r"\bas\s+of\s+(?:the\s+)?$", re.I)
_PERIOD_END_BEFORE = re.compile(r"\b(?:ended|ending|ends|to|through)\s+(?:the\s+end\s+of\s+)?$", re.I)
_NEWS_DAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight)\b", re.I
)
_FOLLOWING_GAP = re.compile(
    r"\s*(?:,\s*)?(?:in|on|at|during|of|from)?\s*(?:the\s+)?(?:(?:end|start|beginning|middle)\s+of\s+)?$", re.I
)
SAME_DAY = re.compile(r"\b(?:the\s+same\s+day|that\s+(?:same\s+)?day)\b", re.I)
_SPEECH_DATE_GAP = re.compile(r"[^\"'“”‘’]{0,20}?\b(?:on|in)\s+(?:the\s+)?", re.I)


def _before(text: str, sentence_start: int, p: Period) -> str:
    return text[max(sentence_start, p.start - 25) : p.start]


def is_basis(text: str, sentence_start: int, p: Period) -> bool:
    return _BASIS_BEFORE.search(_before(text, sentence_start, p)) is not None


def is_period_end(text: str, sentence_start: int, p: Period) -> bool:
    """A day that ends a reported period ("the quarter ended Dec. 31", "the year to March 31")."""
    return p.kind == "day" and _PERIOD_END_BEFORE.search(_before(text, sentence_start, p)) is not None


def mention_dates(
    text: str,
    sentence: Sentence,
    etype: EventType,
    trigger: tuple[int, int],
    periods: list[Period],
    taxonomy: Taxonomy,
    cue_end: int = -1,
    future: bool = False,
    own_only: bool = False,
) -> list[str]:
    """The dates of a mention. ``cue_end``: where a modality cue after the trigger ends ("...
    might cut jobs, but XPeng denied the report on November 5th"): the date scope reaches it.
    ``future``: the mention is expected, so a period after its trigger (when it will happen)
    comes before the day it was said ("said on Friday it plans to list shares next month").
    ``own_only``: a reference to a past happening ("following its acquisition of X") takes only a
    period told with it, after the trigger and not attached to a verb of saying."""
    scope_end = sentence.end
    if taxonomy.date_break_re is not None:
        stop = taxonomy.date_break_re.search(text, max(trigger[1], cue_end), sentence.end)
        scope_end = stop.start() if stop else sentence.end
    usable = []
    for p in periods:
        before = _before(text, sentence.start, p)
        if _BASIS_BEFORE.search(before):
            continue
        if _AS_OF_BEFORE.search(before) and etype.name not in taxonomy.as_of_types:
            continue
        if etype.name in taxonomy.reporting_types and (
            p.kind in ("quarter", "half", "year", "range") or is_period_end(text, sentence.start, p)
            or _QUARTER_AFTER.match(text, p.end) is not None  # "December-quarter results"
        ):
            continue
        if own_only and (p.start < trigger[1] or _SAID_BEFORE.search(_before(text, sentence.start, p))):
            continue
        if p.end <= trigger[0] and _in_aside(text, sentence.start, p, trigger[0]):
            continue  # "Walmart, which reports results on Thursday, was down 3 percent"
        if etype.name in SPEECH:
            if p.start > trigger[0] and not _SPEECH_DATE_GAP.fullmatch(text[trigger[1] : p.start]):
                continue  # "said that in April ..." dates what was said; "said on November 18th" dates the saying
        elif p.start >= scope_end:
            continue  # after "after", "while", "which"...: about something else
        usable.append(p)
    if not usable:
        return []
    if future and any(p.start >= trigger[1] for p in usable):
        usable = [p for p in usable if p.start >= trigger[1]]
    # "accidents in March and October": a plural trigger followed by periods joined by "and"
    following = [p for p in usable if p.start >= trigger[1] and _FOLLOWING_GAP.fullmatch(text[trigger[1] : p.start])]
    if following:
        chain = [following[0]]
        for p in (p for p in usable if p.start > following[0].end):
            if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", text[chain[-1].end : p.start]):
                chain.append(p)
            else:
                break
        if len(chain) > 1 and text[trigger[0] : trigger[1]].lower().endswith("s"):
            return [p.value for p in chain]
    for kind in ("day", "month"):
        pool = [p for p in usable if p.kind == kind]
        if pool:
            return [min(pool, key=lambda p: distance(p, trigger)).value]
    return [min(usable, key=lambda p: distance(p, trigger)).value]


_RELATIVE = re.compile(
    r"(?:just\s+|only\s+)?(?P<n>a|an|one|two|three|four)\s+(?P<unit>day|week|month)s?\s+(?P<dir>after|before|earlier|later)\b",
    re.I,
)
_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}


def relative_date(
    text: str, sentence: Sentence, trigger: tuple[int, int], periods: list[Period], base: str | None
) -> str | None:
    """A date told relative to another in the sentence: "shares jumped on Friday, a day after the
    company reported profit" (Thursday); "just a month after it scrapped plans to buy Allergan"
    (the month before). The base is the last day or month named before the phrase, else the
    story's day."""
    m = next(reversed(list(_RELATIVE.finditer(text, sentence.start, trigger[0]))), None)
    if m is None or len(text[m.end() : trigger[0]].split()) > 8:
        return None
    named = [p for p in periods if p.end <= m.start() and p.kind in ("day", "month")]
    anchor = PeriodValue.maybe(named[-1].value if named else base)
    if anchor is None:
        return None
    n = _COUNT[m["n"].lower()] * (1 if m["dir"].lower() in ("before", "later") else -1)
    unit = m["unit"].lower()
    if unit == "month":
        months = anchor.first.year * 12 + anchor.first.month - 1 + n
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    if anchor.granularity != "day":
        return None
    return (anchor.first + timedelta(days=n * (7 if unit == "week" else 1))).isoformat()


def later_if_past(value: str, periods: list[Period], published: date | None) -> str:
    """An expected event named by a bare weekday or month that resolved to the past happens next
    time round: "Wal-Mart, which reports results on Thursday" in a Wednesday story; "is scheduled
    for trial in June" in a February story."""
    if published is None:
        return value
    p = PeriodValue.maybe(value)
    surface = next((q.surface for q in periods if q.value == value), "")
    if p is None or p.last >= published:
        return value
    if p.granularity == "day" and _WEEKDAY.fullmatch(surface.strip()):
        return (p.first + timedelta(days=7)).isoformat()
    if p.granularity == "month" and _MONTH.fullmatch(surface.strip()):
        return f"{p.first.year + 1:04d}-{p.first.month:02d}"
    return value


_WEEKDAY = re.compile(r"(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)", re.I)
_MONTH = re.compile(
    r"(?:in\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)", re.I
)


_QUARTER_AFTER = re.compile(r"[-\s]quarter\b", re.I)
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|announced|told|stated|reported|confirmed)\b[^.;]{0,25}$", re.I
)
_ASIDE_OPEN = re.compile(r",\s*(?:which|who|whose|whom)\b", re.I)


def _in_aside(text: str, sentence_start: int, p: Period, trigger_start: int) -> bool:
    """A period inside an aside that closes before the trigger (", which ... ,")."""
    opening = None
    for m in _ASIDE_OPEN.finditer(text, sentence_start, p.start):
        opening = m
    if opening is None or "," in text[opening.end() : p.start]:
        return False
    rest = text[p.end : trigger_start]
    return "," in rest or rest.strip() in ("", ".")


def distance(p: Period, trigger: tuple[int, int]) -> int:
    return trigger[0] - p.end if p.end <= trigger[0] else p.start - trigger[1]


def story_day(
    text: str,
    sentences: list[Sentence],
    periods_by_sentence: dict[int, list[Period]],
    quotes: list[tuple[int, int]],
    published: date | None,
    body_start: int,
) -> tuple[str | None, bool]:
    """The day the story gives for its main news, else the publication date; and whether the
    lead named it."""
    body = [s for s in sentences if s.start >= body_start][:LEAD_SENTENCES]
    for s in body:
        for p in periods_by_sentence.get(s.index, []):
            if p.kind != "day" or inside(p.start, quotes) or not _NEWS_DAY.search(p.surface):
                continue
            if is_basis(text, s.start, p) or _AS_OF_BEFORE.search(_before(text, s.start, p)):
                continue
            if _in_aside(text, s.start, p, s.end):
                continue  # "Walmart, which reports results on Thursday, ..." names another day
            if published is None or p.value <= published.isoformat():
                return p.value, True
    return (published.isoformat() if published else None), False


def advance_story_time(
    text: str, sentence: Sentence, periods: list[Period], quotes: list[tuple[int, int]], current: str | None
) -> str | None:
    """The day last named: it moves with the days the story names ("On April 3rd"), not with
    months named in passing ("accidents in March and October"), quoted days or the ends of
    reported periods."""
    for p in periods:
        if p.kind != "day" or inside(p.start, quotes):
            continue
        before = _before(text, sentence.start, p)
        if _BASIS_BEFORE.search(before) or _AS_OF_BEFORE.search(before) or is_period_end(text, sentence.start, p):
            continue
        current = p.value
    return current
