"""The Chinese layers of the knowledge base: an alias layer over known entries, and new entries."""

from importlib import resources

import pytest
import yaml

from factwire.entities import AliasMatcher, load_kb
from factwire.entities.kb import _add_aliases, _read_entries, _shipped_files, shipped_entries
from factwire.errors import VocabularyError

KB_DIR = resources.files("factwire") / "data" / "kb"


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_every_id_of_the_alias_layer_is_a_known_entity(kb):
    layer = yaml.safe_load((KB_DIR / "zh_aliases.yaml").read_text("utf-8"))
    assert len(layer) >= 40
    for eid, extra in layer.items():
        entry = kb.get(eid)
        assert entry is not None, eid
        assert set(extra.get("aliases", [])) <= set(entry.aliases), eid
        assert set(extra.get("tickers", [])) <= set(entry.tickers), eid


def test_the_layer_adds_names_and_changes_nothing_else(kb):
    shcomp = kb.get("shcomp")
    assert shcomp.name == "Shanghai Composite Index" and shcomp.type == "index"
    assert {"沪指", "上证综指", "上证指数", "Shanghai Composite"} <= set(shcomp.aliases)
    assert "01810.HK" in kb.get("xiaomi").tickers and "1810.HK" in kb.get("xiaomi").tickers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("沪指低开0.5%", "shcomp"),
        ("深成指报11210点", "szcomp"),
        ("道指狂泻1175点", "djia"),
        ("标普500指数下跌4.1%", "spx"),
        ("中小板指小幅下跌", "sme-index"),
        ("上证50指数上涨逾1%", "sse-50"),
        ("证监会一纸处罚书", "csrc"),
        ("深交所问询函", "szse"),
        ("美油重挫3%", "wti"),
        ("联想控股发布公告", "legend-holdings"),
        ("贾跃亭持有乐视网股份", "jia-yueting"),
    ],
)
def test_chinese_names_find_their_entities(kb, text, expected):
    assert expected in {h.entity_id for h in AliasMatcher(kb).find(text)}


def test_an_unknown_id_in_an_alias_layer_is_an_error_naming_the_file():
    entries = shipped_entries()
    with pytest.raises(VocabularyError, match=r"mine_aliases\.yaml: unknown entity id 'no-such-company'"):
        _add_aliases(entries, "no-such-company: {aliases: [某公司]}\n", "mine_aliases.yaml")


def test_an_alias_layer_takes_only_aliases_and_tickers():
    entries = shipped_entries()
    with pytest.raises(VocabularyError, match="xiaomi"):
        _add_aliases(entries, "xiaomi: {name: Another Name}\n", "mine_aliases.yaml")


def test_the_new_chinese_entries_are_new():
    mine = {e.id for e in _read_entries((KB_DIR / "chinese.yaml").read_text("utf-8"), "kb/chinese.yaml")}
    others = {
        e.id for name, text in _shipped_files() if name != "kb/chinese.yaml" for e in _read_entries(text, name)
    }
    assert mine and not mine & others
