"""The event taxonomy (``data/events.yaml``), loaded, validated and compiled.

Phrases (triggers, requires, excludes, cues) are written in a small language:

- words match whole words, case-insensitively; Chinese matches anywhere;
- ``*`` stands for up to four words ("cut * staff" matches "cut 10% of its staff");
- ``{name}`` stands for any phrase of the word class ``name`` (``classes`` in the file, which may
  use other classes) or for the regular expression ``patterns[name]``; ``{name?}`` may be absent.

Triggers are compiled one phrase at a time into a ``PhraseIndex`` keyed by the words each phrase
can start with (``lead_words``). A sentence is tokenised once; each phrase is then tried only
where one of its first words stands (an anchored ``match``), and the longest match at a position
wins. A sentence costs one tokenisation and a few anchored matches, not a scan of every phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..datafiles import merge_extending, shipped_yaml, user_yaml
from ..errors import VocabularyError

MODALITIES = ("denied", "rumored", "expected", "negated")
_PLACEHOLDER = re.compile(r"\{(\w+)(\??)\}")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
ANY = "*any*"  # lead word of a trigger that may start anywhere (a pattern, a symbol)
CJK = "*cjk*"  # lead word of a Chinese trigger: any sentence with Chinese in it


class Grammar:
    """Word classes and patterns, and the compiler of phrases that use them."""

    def __init__(self, classes: dict[str, list[str]], patterns: dict[str, str]) -> None:
        self.classes = classes
        self.patterns = patterns
        self._compiled: dict[str, str] = {}

    def regex(self, phrase: str) -> str:
        """The regex source of one phrase, without boundaries."""
        out = []
        pos = 0
        for m in _PLACEHOLDER.finditer(phrase):
            out.append(self._literal(phrase[pos : m.start()]))
            inner = self._class_regex(m.group(1), phrase)
            if m.group(2):  # optional: the class and the space after it may be absent
                out.append(f"(?:(?:{inner})\\s+)?")
                pos = m.end()
                while pos < len(phrase) and phrase[pos] == " ":
                    pos += 1
                continue
            out.append(f"(?:{inner})")
            pos = m.end()
        out.append(self._literal(phrase[pos:]))
        return "".join(out)

    def _literal(self, text: str) -> str:
        escaped = re.escape(text)
        escaped = (escaped.replace(r"\ \*\ ", r"(?:\s+\S+){0,4}?\s+").replace(r"\*\ ", r"(?:\S+\s+){0,4}?")
                   .replace(r"\ \*", r"(?:\s+\S+){0,4}?").replace(r"\*", r"(?:\S+\s+){0,4}?"))
        return escaped.replace(r"\ ", r"\s+")

    def _class_regex(self, name: str, phrase: str, depth: int = 0) -> str:
        if name in self._compiled:
            return self._compiled[name]
        if name in self.patterns:
            source = self.patterns[name]
        elif name in self.classes:
            if depth > 5:
                raise VocabularyError(f"event taxonomy: word class {name!r} refers to itself")
            items = sorted(set(self.classes[name]), key=len, reverse=True)
            source = "|".join(self.regex(item) for item in items)
        else:
            raise VocabularyError(f"event taxonomy: phrase {phrase!r} uses {{{name}}}, which is no class or pattern")
        self._compiled[name] = source
        return source

    def lead_words(self, phrase: str, depth: int = 0) -> set[str]:
        """The lower-case words a phrase can start with, or ``{ANY}``."""
        phrase = phrase.strip()
        m = _PLACEHOLDER.match(phrase)
        if m:
            name = m.group(1)
            if name not in self.classes or depth > 5:
                return {ANY}
            words = set().union(*(self.lead_words(item, depth + 1) for item in self.classes[name]))
            if m.group(2):  # optional: the rest may start the phrase too
                words |= self.lead_words(phrase[m.end() :], depth + 1)
            return words
        if _CJK.match(phrase):
            return {CJK}
        first = _WORD.match(phrase)
        if first is None:
            return {ANY}
        return {first.group(0).lower().replace("’", "'")}

    def compile(self, phrases: list[str]) -> re.Pattern[str] | None:
        """One case-insensitive regex for a list of phrases, longest first."""
        if not phrases:
            return None
        parts = []
        for p in sorted(set(phrases), key=len, reverse=True):
            body = self.regex(p)
            if _CJK.search(p):
                parts.append(body)
                continue
            head = r"(?<![\w-])" if re.match(r"[\w{]", p) else ""
            tail = r"(?![\w-])" if re.search(r"[\w}]$", p) else ""
            parts.append(f"{head}{body}{tail}")
        return re.compile("|".join(parts), re.IGNORECASE)


def sentence_words(text: str) -> set[str]:
    """The lower-case words of a text, for the lead-word filter."""
    return {w for w, _ in tokens(text, 0, len(text))}


def tokens(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """The lower-case words of ``text[start:end]`` with their offsets; a word with an apostrophe
    also stands for the part before it ("company's" for "company")."""
    out = []
    for m in _WORD.finditer(text, start, end):
        word = m.group(0).lower().replace("’", "'")
        out.append((word, m.start()))
        if "'" in word:
            out.append((word.split("'")[0], m.start()))
    return out


@dataclass(frozen=True)
class PhraseIndex:
    """Phrases compiled one by one and indexed by the words they can start with."""

    phrases: tuple[re.Pattern[str], ...]
    by_lead: dict[str, tuple[int, ...]]
    anywhere: tuple[int, ...]  # phrases that may start anywhere (a pattern, a symbol, Chinese)

    @classmethod
    def build(cls, grammar: Grammar, phrases: list[str]) -> PhraseIndex | None:
        if not phrases:
            return None
        compiled, by_lead, anywhere = [], {}, []
        for i, phrase in enumerate(sorted(set(phrases))):
            compiled.append(grammar.compile([phrase]))
            for word in grammar.lead_words(phrase):
                if word in (ANY, CJK):
                    anywhere.append(i)
                else:
                    by_lead.setdefault(word, []).append(i)
        return cls(tuple(compiled), {w: tuple(ids) for w, ids in by_lead.items()},  # type: ignore[arg-type]
                   tuple(sorted(set(anywhere))))

    def matches(self, text: str, start: int, end: int, words: list[tuple[str, int]]) -> list[tuple[int, int]]:
        """Non-overlapping matches in ``text[start:end]``, leftmost and then longest, given the
        span's ``tokens``."""
        found: dict[int, int] = {}
        for word, pos in words:
            for i in self.by_lead.get(word, ()):
                m = self.phrases[i].match(text, pos, end)
                if m is not None and m.end() > found.get(pos, -1):
                    found[pos] = m.end()
        for i in self.anywhere:
            for m in self.phrases[i].finditer(text, start, end):
                if m.end() > found.get(m.start(), -1):
                    found[m.start()] = m.end()
        out, last = [], -1
        for pos in sorted(found):
            if pos >= last:
                out.append((pos, found[pos]))
                last = found[pos]
        return out

    def search(self, text: str) -> tuple[int, int] | None:
        """The first match in a whole text (for tests and callers outside a sentence)."""
        hits = self.matches(text, 0, len(text), tokens(text, 0, len(text)))
        return hits[0] if hits else None


class EventTypeSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topic: str
    group: str
    triggers: list[str] = Field(min_length=1)
    weak_triggers: list[str] = Field(
        default_factory=list,
        description="Phrases that tell of the event in passing ('sales rose'): they join the story's event of "
        "the type when it has one, and make an event of their own only when it has none.",
    )
    requires: list[str] = Field(default_factory=list, description="The sentence must also contain one of these.")
    excludes: list[str] = Field(default_factory=list, description="The sentence must contain none of these.")
    clause_excludes: list[str] = Field(
        default_factory=list,
        description="Words that, before the trigger in its clause, make it something else "
        "('revenue fell 5 percent' is no stock move).",
    )
    roles: list[str] = Field(default_factory=list)
    attributes: dict[str, str] = Field(default_factory=dict)
    flags: dict[str, list[str]] = Field(default_factory=dict)
    modality: Literal["confirmed", "rumored", "expected", "denied", "negated"] | None = None
    suppresses: list[str] = Field(default_factory=list)
    subject_after: bool = Field(default=False, description="The event is about the entity after the trigger "
                                "(the rated company in 'Moody's upgraded BYD').")
    subject: list[str] = Field(
        default_factory=lambda: ["company"], description="Types the main entity may be, in order."
    )
    date_kinds: list[Literal["day", "month", "quarter", "half", "year", "range"]] = Field(
        default_factory=list,
        description="Period kinds that may date it; a mention dated otherwise is no event of this type.",
    )
    part_of: list[str] = Field(
        default_factory=list,
        description="Types whose event about the same company family this one is part of (a defect is part of "
        "the recall it causes): it folds into such an event when the story has one.",
    )
    cues: dict[Literal["denied", "rumored", "expected", "negated"], list[str]] = Field(
        default_factory=dict,
        description="Clause cues of this type only: 'will release' is a launch to come, while 'will buy' "
        "announces a deal.",
    )
    lasting: bool = Field(
        default=False, description="A process that goes on (a review, a probe): later undated mentions join it."
    )
    bare_triggers: list[str] = Field(
        default_factory=list,
        description="Triggers with no subject of their own ('fell 3 percent'): they count only when their clause "
        "names, before them, an entity of the subject types or one of `subject_words`.",
    )
    subject_words: list[str] = Field(default_factory=list)
    polarity: float = Field(ge=-1, le=1)
    priority: int = 1


@dataclass(frozen=True)
class EventType:
    name: str
    spec: EventTypeSpec
    triggers: PhraseIndex
    weak: PhraseIndex | None
    bare: PhraseIndex | None
    subject_words_re: re.Pattern[str] | None
    lead_words: frozenset[str]
    requires_re: re.Pattern[str] | None
    excludes_re: re.Pattern[str] | None
    clause_excludes_re: re.Pattern[str] | None
    flag_res: dict[str, re.Pattern[str]]
    cue_res: dict[str, re.Pattern[str]]


@dataclass(frozen=True)
class CueList:
    """Modality cues of one modality, by scope: ``sentence`` cues hold anywhere in the sentence
    outside quotes ("people familiar with the matter"); ``clause`` cues only before the trigger
    in its own clause ("plans to", "is considering"); ``after`` cues are the predicate of a
    trigger that is the subject of its clause ("a lawsuit filed by drivers is scheduled for
    trial")."""

    sentence: re.Pattern[str] | None
    clause: re.Pattern[str] | None
    after: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Taxonomy:
    types: dict[str, EventType]
    cues: dict[str, CueList]
    clause_break_re: re.Pattern[str] | None
    date_break_re: re.Pattern[str] | None
    habitual_re: re.Pattern[str] | None
    hypothetical_re: re.Pattern[str] | None
    comparison_re: re.Pattern[str] | None
    background_re: re.Pattern[str] | None
    reporting_types: frozenset[str]
    as_of_types: frozenset[str]
    measures: dict[str, re.Pattern[str]]
    measured_types: frozenset[str]
    emit_statements: bool = False

    def candidates(self, words: set[str]) -> list[EventType]:
        """Types one of whose triggers may start at one of ``words``."""
        return [t for t in self.types.values()
                if ANY in t.lead_words or (CJK in t.lead_words and CJK in words) or not t.lead_words.isdisjoint(words)]


class CueSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sentence: list[str] = Field(default_factory=list)
    clause: list[str] = Field(default_factory=list)
    after: list[str] = Field(default_factory=list)


class TaxonomySpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    classes: dict[str, list[str]] = Field(default_factory=dict)
    patterns: dict[str, str] = Field(default_factory=dict)
    habitual: list[str] = Field(default_factory=list)
    hypothetical: list[str] = Field(default_factory=list)
    comparison: list[str] = Field(default_factory=list)
    background: list[str] = Field(default_factory=list)
    reporting_types: list[str] = Field(default_factory=list)
    as_of_types: list[str] = Field(default_factory=list)
    measures: dict[str, list[str]] = Field(default_factory=dict)
    measured_types: list[str] = Field(default_factory=list)
    clause_breaks: list[str] = Field(default_factory=list)
    date_breaks: list[str] = Field(default_factory=list)
    modality: dict[Literal["denied", "rumored", "expected", "negated"], CueSpec] = Field(default_factory=dict)
    events: dict[str, EventTypeSpec]


def _opening_re(words: list[str]) -> re.Pattern[str] | None:
    """Words that matter only at the start of a sentence."""
    if not words:
        return None
    return re.compile(r"\s*(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])", re.IGNORECASE)


def build_taxonomy(data: dict[str, Any], emit_statements: bool = False) -> Taxonomy:
    try:
        spec = TaxonomySpec.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise VocabularyError(f"event taxonomy: {'.'.join(map(str, first['loc']))}: {first['msg']}") from exc
    grammar = Grammar(spec.classes, spec.patterns)
    for label, patt in spec.patterns.items():
        try:
            re.compile(patt)
        except re.error as exc:
            raise VocabularyError(f"event taxonomy: pattern {label!r} is not a regular expression: {exc}") from exc
    types = {}
    for name, t in spec.events.items():
        types[name] = EventType(
            name=name,
            spec=t,
            triggers=PhraseIndex.build(grammar, t.triggers),  # type: ignore[arg-type]
            weak=PhraseIndex.build(grammar, t.weak_triggers),
            bare=PhraseIndex.build(grammar, t.bare_triggers),
            subject_words_re=grammar.compile(t.subject_words),
            lead_words=frozenset().union(
                *(grammar.lead_words(p) for p in t.triggers + t.weak_triggers + t.bare_triggers)
            ),
            requires_re=grammar.compile(t.requires),
            excludes_re=grammar.compile(t.excludes),
            clause_excludes_re=grammar.compile(t.clause_excludes),
            flag_res={flag: grammar.compile(words) for flag, words in t.flags.items()},  # type: ignore[misc]
            cue_res={m: grammar.compile(words) for m, words in t.cues.items() if words},  # type: ignore[misc]
        )
    for name, t in types.items():
        unknown = [s for s in t.spec.suppresses + t.spec.part_of if s not in types]
        if unknown:
            raise VocabularyError(f"event taxonomy: {name} names unknown types {unknown}")
    cues = {m: CueList(grammar.compile(c.sentence), grammar.compile(c.clause), grammar.compile(c.after))
            for m, c in spec.modality.items()}
    return Taxonomy(
        types=types,
        cues=cues,
        clause_break_re=grammar.compile(spec.clause_breaks),
        date_break_re=grammar.compile(spec.date_breaks),
        habitual_re=grammar.compile(spec.habitual),
        hypothetical_re=_opening_re(spec.hypothetical),
        comparison_re=grammar.compile(spec.comparison),
        background_re=grammar.compile(spec.background),
        reporting_types=frozenset(spec.reporting_types),
        as_of_types=frozenset(spec.as_of_types),
        measures={m: grammar.compile(words) for m, words in spec.measures.items() if words},  # type: ignore[misc]
        measured_types=frozenset(spec.measured_types),
        emit_statements=emit_statements,
    )


@lru_cache(maxsize=8)
def load_taxonomy(user_file: str | None = None, emit_statements: bool = False) -> Taxonomy:
    """The shipped taxonomy, with a user's file laid over it: its event types extend or replace
    the shipped ones, and its classes, cues and word lists extend the shipped lists."""
    data = shipped_yaml("events.yaml")
    if user_file:
        extra = user_yaml(user_file, "event taxonomy")
        events = extra.pop("events", {}) or {}
        if not isinstance(events, dict):
            raise VocabularyError(f"{user_file}: `events` must map type names to their definitions")
        merge_extending(data, extra)
        data["events"].update(events)
    return build_taxonomy(data, emit_statements)
