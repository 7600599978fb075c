"""Names that are not in the knowledge base, found by the company they keep.

People: a capitalised name after a title or role ("Chairman X", "analyst X", "Written by X",
"the driver, X"), before a birth year or age ("X, born in 1979"), or before a role ("X, chief
executive of"). Companies and organisations: capitalised words ending in a corporate or
institutional word (Motors, Group, Holdings, Technologies, Bank, Association, Bureau...).
Each candidate gets a type and an id ``new:<slug>`` so that it can be reviewed and added to the KB.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..datafiles import shipped_yaml
from ..text.spans import leftmost_longest

_WORDS = shipped_yaml("discovery_en.yaml")

_NAME = r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?"
_PERSON = rf"(?P<name>{_NAME}(?:\s+{_NAME}){{1,2}})"
_TITLES = (
    r"Chairman|Chairwoman|Chair|Vice\s+Chairman|CEO|CFO|CTO|COO|Chief\s+Executive(?:\s+Officer)?|"
    r"President|Vice\s+President|Founder|Co-founder|co-founder|founder|Director|Managing\s+Director|"
    r"General\s+Manager|Spokesperson|spokesperson|spokesman|spokeswoman|analyst|Analyst|economist|"
    r"Minister|Governor|Senator|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Professor|Prof\.|driver|owner|"
    r"Written\s+by|Edited\s+by|Reported\s+by|Produced\s+by|By|chairman|president|chief\s+executive"
)
_PERSON_PATTERNS = [
    re.compile(rf"(?:{_TITLES})\s+{_PERSON}\b"),
    re.compile(rf"\b(?:the\s+)?(?:driver|passenger|victim|owner|founder),?\s+{_PERSON}\b"),
    re.compile(rf"\b{_PERSON},\s+(?:born\s+in\s+\d{{4}}|aged\s+\d+|\d{{2}},)"),
    re.compile(
        rf"\b{_PERSON},\s+(?:the\s+)?(?:company's\s+|group's\s+)?(?:chief|chairman|president|founder|"
        r"co-founder|head|director|CEO|CFO|spokesperson|analyst|vice)"
    ),
    re.compile(rf"\b{_PERSON}\s+(?:said|says|told|added|noted|wrote)\b"),
]
_ORG_WORDS = (
    "Association|Committee|Bureau|Department|Ministry|Commission|Agency|Authority|Institute|"
    "University|Council|Exchange|Administration|Court|Police|Federation|Office"
)
_COMPANY_WORDS = (
    "Motors?|Group|Inc\\.?|Co\\.|Corp\\.?|Corporation|Holdings?|Technologies|Technology|Ltd\\.?|"
    "Limited|Bank|Securities|Capital|Partners|Industries|Electronics|Pharmaceuticals?|Pharma|Energy|"
    "Automobile|Automotive|Airlines|Insurance|Financial|Ventures|Labs|Systems|Semiconductors?|"
    "Networks|Robotics|Logistics|Foods|Steel|Cement|Telecom|Communications|Software|Solutions|"
    "Enterprises|Plc|PLC|LLC|AG|SA|SE|NV"
)
_CAP_WORD = r"(?:[A-Z][\w&'.-]*|&|of|and|for|de)"
_ORG = re.compile(rf"\b(?P<name>[A-Z][\w&'.-]*(?:\s+{_CAP_WORD}){{0,5}}\s+(?P<head>{_COMPANY_WORDS}|{_ORG_WORDS}))\b")
# Capitalised words that do not make a name on their own ("the PR Department").
_GENERIC = frozenset(_WORDS["generic_words"])


_TITLE_WORDS = frozenset(_WORDS["title_words"])


# Capitalised words that start sentences and headlines without naming anything.
_COMMON = frozenset(_WORDS["common_words"])
_TOKEN = re.compile(r"(?<![A-Za-z0-9])(?:[A-Z][A-Za-z0-9&.'-]*[A-Za-z0-9]|[A-Z])")
_COMPANY_CUES = re.compile(
    r"^\s*(?:'s\s+)?(?:shares?|stock|Q[1-4]|net|profit|loss|revenue|sales|IPO|board|raises|acquires|"
    r"appoints|posts|reports|announces|inks|signs|bags|wins|launches|to\s+(?:buy|acquire|raise|issue|sell|list))\b",
    re.IGNORECASE,
)


def _next_is_capitalised(text: str, pos: int, end: int) -> bool:
    m = re.match(r" ([A-Z])", text[pos : min(end, pos + 2)])
    return m is not None


def proper_nouns(text: str, start: int, end: int) -> list[Discovered]:
    """Runs of capitalised tokens in ``text[start:end]`` (one sentence) that are not common words.

    In a title-case sentence (most words capitalised) only tokens that cannot be ordinary words
    count: acronyms and inner-capital names ("MMTC", "SpiceJet"). Type ``other`` unless the words
    right after are those of company news ("shares", "Q2 net", "appoints"), then ``company``.
    """
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[start:end])]
    words = [text[start + a : start + b] for a, b in tokens]
    lettered = [w for w in words if w[:1].isalpha()]
    title_case = len(lettered) >= 4 and sum(w[:1].isupper() for w in lettered) > 0.75 * len(lettered)
    out: list[Discovered] = []
    run: list[tuple[int, int]] = []

    def flush() -> None:
        if not run:
            return
        s, e = run[0][0], run[-1][1]
        name = text[s:e]
        rest = text[e : min(len(text), e + 40)]
        kind = "company" if _COMPANY_CUES.match(rest) else "other"
        out.append(Discovered(name, kind, s, e))
        run.clear()

    for m in _TOKEN.finditer(text, start, end):
        word = re.sub(r"'s?$", "", m.group(0)).rstrip(".")
        w_end = m.start() + len(word)
        if len(word) < 2 and not run:
            continue
        special = (word.isupper() and len(word) >= 2) or bool(re.search(r"[a-z][A-Z]", word))
        ok = (
            word not in _COMMON and word not in _TITLE_WORDS and word not in _GENERIC and not word.isdigit()
            and (special or not title_case)
        )
        contiguous = run and text[run[-1][1] : m.start()] in (" ", " & ", " of ")
        if ok and contiguous:
            run.append((m.start(), w_end))
            continue
        flush()
        if not ok:
            continue
        before = text[start : m.start()].rstrip()
        initial = not before or before[-1] in "'\"“‘:;(—-"
        # a lone capitalised word opening a sentence or a quote is usually just a word;
        # keep it only when company news follows ("Hudco raises Rs 279 cr")
        lone = initial and not special and not _next_is_capitalised(text, w_end, end)
        if lone and not _COMPANY_CUES.match(text[w_end : min(len(text), w_end + 40)]):
            continue
        run.append((m.start(), w_end))
    flush()
    return out


@dataclass(frozen=True)
class Discovered:
    name: str
    type: str
    start: int
    end: int

    @property
    def id(self) -> str:
        return "new:" + re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")


def discover(text: str) -> list[Discovered]:
    found: list[Discovered] = []
    for pattern in _PERSON_PATTERNS:
        for m in pattern.finditer(text):
            name, start = m.group("name"), m.start("name")
            while name.split()[0] in _TITLE_WORDS and len(name.split()) > 2:  # "Analyst Zhang Wei"
                first = name.split()[0]
                start += len(first) + 1
                name = name[len(first) + 1 :]
            words = name.split()
            if any(w in _GENERIC or w in _TITLE_WORDS for w in words):
                continue
            found.append(Discovered(name, "person", start, start + len(name)))
    for m in _ORG.finditer(text):
        name = m.group("name").rstrip(".")
        words = [w for w in name.split() if w[:1].isupper()]
        head = m.group("head")
        body = words[:-1]
        if not body or all(w.strip("'s") in _GENERIC for w in body):
            continue
        # drop a leading article or generic word: "The Anhui Bureau" -> "Anhui Bureau"
        start = m.start("name")
        while name.split()[0] in _GENERIC and len(name.split()) > 2:
            first = name.split()[0]
            start += len(first) + 1
            name = name[len(first) + 1 :]
        kind = "organisation" if re.fullmatch(_ORG_WORDS, head) else "company"
        found.append(Discovered(name, kind, start, start + len(name)))
    return leftmost_longest(found)
