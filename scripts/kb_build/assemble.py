"""Entries from the sources: listed companies, curated files and hand-written ids they extend."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .listed import Listed
from .names import (
    COUNTRY_OF_TICKER,
    fold_accents,
    has_legal_form,
    is_common_word,
    legal_forms,
    slug,
    strip_suffixes,
    suffix_variants,
    usable_short_name,
)

Row = dict
FIELDS = ["id", "name", "type", "aliases", "tickers", "subsidiary_of", "product_of", "executive_of",
          "fiscal_year_end", "isin", "industry", "country"]
COMPANY_LIKE = {"company", "organisation", "media", "platform"}


@dataclass
class Config:
    """What aliases.yaml and fiscal_years.yaml say."""

    allow_common: set[str] = field(default_factory=set)  # one-word short names allowed all the same
    extra: dict[str, list[str]] = field(default_factory=dict)  # id -> more aliases
    extra_tickers: dict[str, list[str]] = field(default_factory=dict)  # id -> more tickers
    drop: dict[str, list[str]] = field(default_factory=dict)  # id -> aliases never to generate
    prefer: dict[str, str] = field(default_factory=dict)  # lower-cased alias -> id that keeps it
    fiscal: dict[str, str] = field(default_factory=dict)  # id or ticker -> "MM-DD"
    fiscal_by_country: dict[str, str] = field(default_factory=dict)


class Builder:
    def __init__(self, hand: dict[str, dict], previous: dict[str, str], config: Config,
                 log: Callable[[str], None]) -> None:
        self.hand = hand  # hand-written entries as dicts
        self.previous = previous  # "isin:X" / "ticker:Y" -> id shipped before, so ids stay stable
        self.config = config
        self.log = log
        self.rows: dict[str, Row] = {}
        self.origin: dict[str, str] = {}  # id -> output file stem
        self._by_ticker: dict[str, str] = {}
        self._by_name: dict[str, str] = {}
        for entry in hand.values():
            self._index(entry)

    # -- look-ups -----------------------------------------------------------------------------
    def _index(self, entry: dict) -> None:
        for t in entry.get("tickers", []):
            self._by_ticker.setdefault(t, entry["id"])
        if entry["type"] in COMPANY_LIKE:
            for n in [entry["name"], *entry.get("aliases", [])]:
                self._by_name.setdefault(n.lower(), entry["id"])

    def find(self, names: list[str], tickers: list[str]) -> str | None:
        for t in tickers:
            if t in self._by_ticker:
                return self._by_ticker[t]
        for n in names:
            for form in (n, strip_suffixes(n)):
                if form.lower() in self._by_name:
                    return self._by_name[form.lower()]
        return None

    def _new_id(self, keys: list[str], candidates: list[str]) -> str:
        for key in keys:
            if key in self.previous and self.previous[key] not in self.rows:
                return self.previous[key]
        for cand in candidates:
            if cand and cand not in self.rows and cand not in self.hand:
                return cand
        base = candidates[0]
        n = 2
        while f"{base}-{n}" in self.rows or f"{base}-{n}" in self.hand:
            n += 1
        return f"{base}-{n}"

    # -- names ----------------------------------------------------------------------------------
    def company_names(self, names: list[str], short_ok: bool = True) -> tuple[list[str], str | None]:
        """All the forms of a company's names, and its short name when it may stand alone."""
        forms: list[str] = []
        short = None
        for name in names:
            forms += [name, *suffix_variants(name)]
            cut = strip_suffixes(name)
            if not short_ok or not usable_short_name(cut, name):
                continue
            if is_common_word(cut) and cut not in self.config.allow_common:
                self.log(f"short name {cut!r} of {names[0]!r} is a common word: not an alias")
                continue
            forms += [cut, fold_accents(cut)]
            short = short or cut
        return list(dict.fromkeys(forms)), short

    # -- rows -----------------------------------------------------------------------------------
    def put(self, row: Row, origin: str, weight: int) -> Row:
        """Add a generated row, or extend the row already there with the same id."""
        entity_id = row["id"]
        hand = self.hand.get(entity_id)
        known = self.rows.get(entity_id)
        if known is None:
            known = {"id": entity_id, "aliases": [], "tickers": [], "_weight": weight, "_hand": hand is not None}
            known["_hand_surfaces"] = {s.lower() for s in _surfaces(hand)} if hand else set()
            self.rows[entity_id] = known
            self.origin[entity_id] = origin
        for key, value in row.items():
            if key in ("aliases", "tickers"):
                known[key] = list(dict.fromkeys([*known[key], *value]))
            elif value not in (None, {}, []) and known.get(key) is None:
                known[key] = value
        if hand:  # a hand-written entry's own fields always win
            known.update({k: hand[k] for k in ("name", "type") if k in hand})
        known["_weight"] = max(known["_weight"], weight)
        self._index(known)
        return known

    def add_listed(self, c: Listed) -> Row:
        names = list(dict.fromkeys([c.name, *c.extra_names, *([c.wiki_title] if c.wiki_title else [])]))
        entity_id = self.find(names, c.tickers)
        forms, short = self.company_names(names)
        name = c.name
        if is_common_word(strip_suffixes(name)) and strip_suffixes(name) not in self.config.allow_common:
            # "Target", "Ball": the canonical name is always matched, so use a legal form of it
            name = next((n for n in names if n != strip_suffixes(n)), name)
            if name == strip_suffixes(name):
                self.log(f"canonical name {name!r} is a common word and the source gives no longer form")
        if entity_id is None:
            keys = [f"isin:{c.isin}"] if c.isin else []
            keys += [f"ticker:{t}" for t in c.tickers]
            # the short name when it may stand alone ("apple"), else the full one ("news-corp")
            entity_id = self._new_id(keys, [slug(short or name), slug(name),
                                            f"{slug(short or name)}-{(c.country or 'x').lower()}"])
        row = {"id": entity_id, "name": name, "type": "company", "aliases": forms, "tickers": c.tickers,
               "isin": c.isin, "industry": c.industry, "country": c.country}
        row = self.put(row, "listed", c.weight)
        row.setdefault("_keys", []).extend(c.raw_tickers)  # for fiscal_years.yaml, even the dropped ones
        return row

    def add_curated(self, raw: dict, origin: str) -> Row:
        raw = dict(raw)
        if raw.get("id") not in self.hand:
            raw.setdefault("type", "company")
        short_ok = raw.pop("short", True)
        weight = raw.pop("weight", 4)
        entity_id = raw.get("id")
        if entity_id is None:
            entity_id = self.find([raw["name"]], raw.get("tickers", [])) if raw.get("type") == "company" else None
            entity_id = entity_id or slug(strip_suffixes(raw["name"]) if raw.get("type") == "company" else raw["name"])
        raw["id"] = entity_id
        if raw.get("type") == "company" or (entity_id in self.hand and self.hand[entity_id]["type"] == "company"):
            forms, _ = self.company_names([raw.get("name") or self.hand[entity_id]["name"],
                                           *raw.get("aliases", [])], short_ok)
            raw["aliases"] = forms
            raw["tickers"] = _with_rics(raw.get("tickers", []))
        if entity_id not in self.hand and entity_id in self.rows and self.origin[entity_id] != "listed":
            raise SystemExit(f"{origin}: id {entity_id!r} is curated twice")
        row = self.put(raw, origin, weight)
        self.origin[entity_id] = origin if self.origin[entity_id] == "listed" else self.origin[entity_id]
        return row

    def add_person(self, name: str, company_id: str, role: str) -> None:
        person_id = slug(name)
        if person_id in self.rows or person_id in self.hand or name.lower() in self._by_name:
            return
        self.put({"id": person_id, "name": name, "type": "person", "executive_of": {company_id: role}},
                 "people", 0)

    # -- finishing ------------------------------------------------------------------------------
    def apply_config(self) -> None:
        by_ticker = {}
        for row in self.rows.values():
            for t in [*row.get("tickers", []), *row.get("_keys", []), *self.hand.get(row["id"], {}).get("tickers", [])]:
                by_ticker.setdefault(t, row["id"])
        for field_name, extra in (("aliases", self.config.extra), ("tickers", self.config.extra_tickers)):
            for key, names in extra.items():
                entity_id = key if key in self.rows or key in self.hand else by_ticker.get(key)
                if entity_id is None:
                    self.log(f"aliases.yaml: no entity has the id or ticker {key!r}")
                    continue
                if entity_id not in self.rows:
                    self.put({"id": entity_id}, "curated_extensions", 5)
                row = self.rows[entity_id]
                row[field_name] = row[field_name] + [n for n in names if n not in row[field_name]]
        for key, value in self.config.fiscal.items():
            entity_id = key if key in self.rows or key in self.hand else by_ticker.get(key)
            if entity_id is None:
                self.log(f"fiscal_years.yaml: no entity has the id or ticker {key!r}")
                continue
            if entity_id not in self.rows:
                self.put({"id": entity_id}, "curated_extensions", 5)
            self.rows[entity_id]["fiscal_year_end"] = value
        for entity_id, entry in self.hand.items():  # hand-written companies no source has touched
            if (entry.get("country") in self.config.fiscal_by_country and entry["type"] == "company"
                    and entity_id not in self.rows and not entry.get("fiscal_year_end")):
                self.put({"id": entity_id}, "curated_extensions", 5)
        for row in self.rows.values():
            country = row.get("country") or self.hand.get(row["id"], {}).get("country")
            kind = row.get("type") or self.hand.get(row["id"], {}).get("type")
            if kind == "company" and not row.get("fiscal_year_end") and country:
                fy = self.config.fiscal_by_country.get(country)
                if fy:
                    row["fiscal_year_end"] = fy
            drop = {a.lower() for a in self.config.drop.get(row["id"], [])}
            row["aliases"] = [a for a in row["aliases"] if a.lower() not in drop]

    def add_legal_forms(self) -> None:
        """Every company's names with the legal forms of its country appended, as news writes
        them after the short name: hand-written companies get them too."""
        for entity_id, entry in self.hand.items():
            if entry["type"] == "company" and entity_id not in self.rows:
                self.put({"id": entity_id}, "curated_extensions", 5)
        for entity_id, row in self.rows.items():
            hand = self.hand.get(entity_id, {})
            if (hand.get("type") or row.get("type")) != "company":
                continue
            tickers = [*hand.get("tickers", []), *row.get("tickers", [])]
            country = row.get("country") or hand.get("country") or next(
                (COUNTRY_OF_TICKER[t[t.rfind("."):]] for t in tickers if t[t.rfind("."):] in COUNTRY_OF_TICKER), None)
            names = [hand.get("name") or row["name"], *hand.get("aliases", []), *row["aliases"]]
            bases = [n for n in names if n.isascii() and not has_legal_form(n) and len(n) > 2
                     and (not is_common_word(n) or n in self.config.allow_common) and not n.isupper()]
            for base in dict.fromkeys(bases):
                row["aliases"] += [f for f in legal_forms(base, country) if f not in row["aliases"]]

    def finish(self) -> dict[str, list[dict]]:
        """Rows per output file, without what the hand-written entries already say."""
        files: dict[str, list[dict]] = {}
        for entity_id in sorted(self.rows):
            row = self.rows[entity_id]
            hand = self.hand.get(entity_id, {})
            own = {s.lower() for s in _surfaces(hand)} if hand else set()
            name = (hand.get("name") or row["name"]).lower()
            out = {}
            for key in FIELDS:
                value = row.get(key)
                if key in ("aliases", "tickers"):
                    value = [v for v in dict.fromkeys(value or []) if len(v) > 1 and v.lower() not in own
                             and v.lower() != name]
                    if key == "aliases":
                        value = [v for v in value if v not in row.get("tickers", [])]
                if value not in (None, [], {}):
                    out[key] = value
            if hand and (out.get("name"), out.get("type")) != (hand["name"], hand["type"]):
                out["name"], out["type"] = hand["name"], hand["type"]
            files.setdefault(self.origin[entity_id], []).append(out)
        return files


def _with_rics(tickers: list[str]) -> list[str]:
    """Chinese A-share codes in both conventions: '600519.SH' (as Chinese sources write it) and
    '600519.SS' (Reuters and Yahoo)."""
    out = []
    for t in tickers:
        out.append(t)
        if t.endswith(".SH"):
            out.append(t[:-3] + ".SS")
    return out


def _surfaces(entry: dict) -> list[str]:
    return [entry["name"], *entry.get("aliases", []), *entry.get("tickers", [])]
