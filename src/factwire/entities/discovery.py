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
_GENERIC = frozenset(
    [
        "The",
        "A",
        "An",
        "This",
        "That",
        "These",
        "Its",
        "Their",
        "Our",
        "His",
        "Her",
        "PR",
        "HR",
        "IR",
        "Marketing",
        "Sales",
        "Finance",
        "Legal",
        "Public",
        "Relations",
        "Investor",
        "Group",
        "Company",
        "Business",
        "Smart",
        "Electric",
        "Vehicle",
        "AI",
        "Innovation",
        "Department",
        "Market",
        "Capital",
        "New",
        "In",
        "On",
        "At",
        "For",
        "From",
        "As",
        "By",
        "Of",
        "And",
        "Or",
        "But",
        "China",
        "Chinese",
        "Global",
        "International",
        "National",
        "Annual",
        "Latest",
        "First",
    ]
)


_TITLE_WORDS = frozenset(
    [
        "Analyst",
        "Chairman",
        "Chairwoman",
        "Chair",
        "President",
        "Founder",
        "Director",
        "Spokesperson",
        "Minister",
        "Governor",
        "Senator",
        "Professor",
        "Mr",
        "Ms",
        "Mrs",
        "Dr",
        "CEO",
        "CFO",
        "CTO",
        "COO",
        "Executive",
        "Chief",
        "Vice",
        "General",
        "Manager",
        "Deputy",
        "Head",
        "Driver",
        "Owner",
        "Police",
        "Officer",
        "Reporter",
        "Editor",
        "Written",
        "Edited",
        "Produced",
        "Reported",
        "By",
    ]
)


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
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    out: list[Discovered] = []
    taken_until = -1
    for d in found:
        if d.start >= taken_until:
            out.append(d)
            taken_until = d.end
    return out
