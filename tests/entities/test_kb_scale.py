"""The shipped KB at real-world scale: its shape, the real entities it must know, its aliases, and
that the committed generated files are what scripts/build_kb.py makes."""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pytest

from factwire.entities import AliasMatcher, KBEntry, load_kb
from factwire.entities.kb import shipped_entries
from factwire.errors import VocabularyError

ROOT = Path(__file__).resolve().parents[2]
KB_DIR = resources.files("factwire") / "data" / "kb"


@pytest.fixture(scope="module")
def kb():
    return load_kb()


@pytest.fixture(scope="module")
def matcher(kb):
    return AliasMatcher(kb)


def find(matcher, text):
    return [(text[h.start : h.end], h.entity_id) for h in matcher.find(text)]


def test_ids_are_unique_slugs_and_relations_resolve(kb):
    assert len(kb) >= 4000
    ids_per_file = defaultdict(list)
    for item in KB_DIR.iterdir():
        if item.name.endswith(".yaml"):
            ids_per_file["hand"] += re.findall(r"^- \{id: ([^,]+),", item.read_text("utf-8"), re.M)
    assert len(ids_per_file["hand"]) == len(set(ids_per_file["hand"])), "an id is hand-written twice"
    for entry in kb.entries.values():
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", entry.id)
        for ref in filter(None, [entry.subsidiary_of, entry.product_of, *entry.executive_of]):
            assert ref in kb, f"{entry.id} -> {ref}"


def test_the_hand_written_ids_are_all_still_there(kb):
    hand = set()
    for item in KB_DIR.iterdir():
        if item.name.endswith(".yaml"):
            hand |= set(re.findall(r"^- \{id: ([^,]+),", item.read_text("utf-8"), re.M))
    assert len(hand) >= 475
    assert hand <= set(kb.entries)
    assert kb.get("lei-jun").executive_of == {"xiaomi": "chairman and CEO"}
    assert kb.get("xiaomi-auto").subsidiary_of == "xiaomi"


def test_no_alias_is_shared_unless_the_build_listed_it(kb):
    holders = defaultdict(set)
    for entry in kb.entries.values():
        for surface in [entry.name, *entry.aliases, *entry.tickers]:
            holders[surface.lower()].add(entry.id)
    rows = list(csv.DictReader((KB_DIR / "collisions.tsv").read_text("utf-8").splitlines(), delimiter="\t"))
    listed = {row["alias"] for row in rows}
    shared = {surface: ids for surface, ids in holders.items() if len(ids) > 1}
    assert not {s: ids for s, ids in shared.items() if s not in listed}
    for row in rows:  # each listed collision was settled: the winner holds the alias, the others not
        ids = holders.get(row["alias"], set())
        assert ids == ({row["kept_by"]} if row["kept_by"] != "-" else set()) or row["alias"] in shared


def test_fiscal_year_ends_parse_and_are_right_for_known_companies(kb):
    for entry in kb.entries.values():
        month, day = entry.fiscal_year_end_month_day()
        assert 1 <= month <= 12 and 1 <= day <= 31
    expected = {"apple": "09-30", "microsoft": "06-30", "oracle": "05-31", "walmart": "01-31", "nvidia": "01-31",
                "toyota": "03-31", "infosys": "03-31", "sony": "03-31", "logitech": "03-31", "monsanto": "08-31"}
    assert {i: kb.get(i).fiscal_year_end for i in expected} == expected
    assert kb.get("ibm").fiscal_year_end is None  # the calendar year
    assert kb.get("ibm").fiscal_year_end_month_day() == (12, 31)


@pytest.mark.parametrize("value", ["02-30", "13-01", "9-30", "00-10"])
def test_a_fiscal_year_end_that_is_no_day_is_refused(value):
    with pytest.raises(ValueError):
        KBEntry(id="x", name="X", type="company", fiscal_year_end=value)


@pytest.mark.parametrize(
    ("entity_id", "kind", "names"),
    [
        ("ibm", "company", ["International Business Machines Corp", "IBM.N", "IBM"]),
        ("sap", "company", ["SAP SE", "SAP"]),
        ("logitech", "company", ["Logitech", "Logitech International", "LOGI.O"]),
        ("lexmark-international", "company", ["Lexmark", "Lexmark International Inc"]),
        ("pandora-media", "company", ["Pandora Media Inc"]),
        ("midea", "company", ["Midea Group", "000333.SZ", "美的集团"]),
        ("kuka", "company", ["Kuka AG", "Kuka"]),
        ("anacor-pharmaceuticals", "company", ["Anacor Pharmaceuticals Inc", "Anacor"]),
        ("textura", "company", ["Textura Corp"]),
        ("zynga", "company", ["Zynga Inc"]),
        ("crown-castle", "company", ["Crown Castle International Corp", "CCI.N"]),
        ("univision-communications", "company", ["Univision Communications Inc", "Univision"]),
        ("monsanto", "company", ["Monsanto Co"]),
        ("bayer", "company", ["Bayer AG", "BAYGn.DE"]),
        ("toshiba", "company", ["Toshiba Corp", "6502.T"]),
        ("sharp", "company", ["Sharp Corp"]),
        ("foxconn", "company", ["Hon Hai", "Hon Hai Precision Industry Co Ltd", "2317.TW"]),
        ("honeywell-international", "company", ["Honeywell International Inc", "HON.O"]),
        ("united-technologies", "company", ["United Technologies Corp", "UTX.N"]),
        ("spx", "index", ["S&P 500", ".SPX"]),
        ("nikkei225", "index", [".N225"]),
        ("brent", "commodity", ["Brent crude", "Brent"]),
        ("yen", "currency", ["yen"]),
        ("us-dollar", "currency", ["U.S. dollar", "dollar"]),
        ("tencent", "company", ["0700.HK", "腾讯"]),
        ("kweichow-moutai", "company", ["600519.SH", "600519.SS", "贵州茅台"]),
        ("byd", "company", ["002594.SZ", "1211.HK"]),
        ("federal-reserve", "organisation", ["Federal Reserve"]),
        ("sec", "organisation", ["SEC", "Securities and Exchange Commission"]),
        ("reuters", "media", ["Reuters"]),
        ("georgia", "place", ["Georgia"]),
        ("washington", "place", ["Washington", "Washington, D.C."]),
    ],
)
def test_real_entities_have_the_right_type_and_names(kb, entity_id, kind, names):
    entry = kb.get(entity_id)
    assert entry is not None, entity_id
    assert entry.type == kind
    assert set(names) <= {entry.name, *entry.aliases, *entry.tickers}


def test_google_is_alphabets_subsidiary_not_its_alias(kb, matcher):
    assert kb.get("google").subsidiary_of == "alphabet"
    assert "Google" not in kb.get("alphabet").aliases
    assert find(matcher, "Google and Alphabet Inc (GOOGL.O) said") == [
        ("Google", "google"), ("Alphabet Inc", "alphabet"), ("GOOGL.O", "alphabet")]
    assert kb.get("instagram").subsidiary_of == "meta" and kb.get("lexus").subsidiary_of == "toyota"
    assert kb.get("nokia-technologies").subsidiary_of == "nokia"
    assert kb.get("amazon-web-services").subsidiary_of == "amazon"


def test_chief_executives_come_with_their_company(kb):
    people = [e for e in kb.entries.values() if e.type == "person" and e.executive_of]
    assert len(people) >= 1000
    assert all(role for e in people for role in e.executive_of.values())


def test_tickers_in_the_forms_news_writes_them(matcher):
    text = "International Business Machines Corp (IBM.N) and Toyota Motor Corp (7203.T) and (0700.HK)"
    assert find(matcher, text) == [
        ("International Business Machines Corp", "ibm"), ("IBM.N", "ibm"), ("Toyota Motor Corp", "toyota"),
        ("7203.T", "toyota"), ("0700.HK", "tencent")]
    assert find(matcher, "Alibaba Group Holding Ltd (BABA.N) and PepsiCo Inc (PEP.O)") == [
        ("Alibaba Group Holding Ltd", "alibaba"), ("BABA.N", "alibaba"), ("PepsiCo Inc", "pepsico"),
        ("PEP.O", "pepsico")]


def test_everyday_words_are_not_company_aliases(kb, matcher):
    aliases = {a for e in kb.entries.values() if e.type == "company" for a in [e.name, *e.aliases]}
    for word in ["Ball", "Southern", "Progressive", "Gap", "Match", "News", "Next", "Pool", "Delta"]:
        assert word not in aliases, word
    assert find(matcher, "Ball Corporation and Southern Company") == [
        ("Ball Corporation", "ball-corporation"), ("Southern Company", "southern-company")]


def test_nationality_adjectives_are_not_places(kb):
    places = {a for e in kb.entries.values() if e.type == "place" for a in [e.name, *e.aliases]}
    assert {"China", "Germany", "Israel", "U.S.", "Britain", "South Korea", "America", "UK"} <= places
    assert not {"German", "Israeli", "Chinese", "American", "British", "Korean", "Japanese"} & places


def test_hand_written_entries_extend_generated_ones():
    generated = KBEntry(id="acme", name="Acme", type="company", aliases=["Acme Inc"], isin="US0000000001")
    hand = KBEntry(id="acme", name="Acme Widgets", type="company", aliases=["Acme"])
    merged = generated.extended_by(hand)
    assert merged.name == "Acme Widgets" and merged.aliases == ["Acme", "Acme Inc"]
    assert merged.isin == "US0000000001"


def test_user_files_may_be_json_lines(tmp_path):
    mine = tmp_path / "mine.jsonl"
    mine.write_text('# my companies\n{"id": "acme", "name": "Acme", "type": "company", "fiscal_year_end": "06-30"}\n')
    assert load_kb(str(mine)).get("acme").fiscal_year_end == "06-30"
    (tmp_path / "bad.jsonl").write_text("{nope\n")
    with pytest.raises(VocabularyError, match="line 1"):
        load_kb(str(tmp_path / "bad.jsonl"))


def test_generated_ids_are_not_generated_twice():
    entries = shipped_entries()
    assert "google" in entries and "alphabet" in entries


_SOURCES = ("pytickersymbols", "wordfreq", "english_words")


@pytest.mark.skipif(any(importlib.util.find_spec(m) is None for m in _SOURCES),
                    reason="the KB build's sources are not installed (pip install -e '.[kb]')")
def test_committed_files_are_what_the_build_script_makes():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_kb
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    texts, _ = build_kb.build(log=lambda _: None)
    committed = {p.name: p.read_text("utf-8") for p in build_kb.KB.iterdir() if p.suffix in (".jsonl", ".tsv")}
    assert set(texts) == set(committed)
    for name, text in texts.items():
        assert text == committed[name], f"{name} differs: run python scripts/build_kb.py"
    assert texts == build_kb.build(log=lambda _: None)[0]  # deterministic
