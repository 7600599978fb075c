import pytest

from factwire.entities import load_kb
from factwire.errors import VocabularyError


def test_shipped_kb_is_large_valid_and_related():
    kb = load_kb()
    assert len(kb) >= 300
    assert kb.get("xiaomi-auto").subsidiary_of == "xiaomi"
    assert kb.get("xiaomi-su7").product_of == "xiaomi"
    assert kb.get("lei-jun").executive_of == {"xiaomi": "chairman and CEO"}
    assert "1810.HK" in kb.get("xiaomi").tickers and "XPEV" in kb.get("xpeng").tickers
    for entry in kb.entries.values():
        assert entry.name.strip() and entry.id == entry.id.lower()


def test_user_file_adds_and_replaces_entries(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "- {id: acme, name: Acme Widgets, type: company, aliases: [Acme]}\n"
        "- {id: xiaomi, name: Xiaomi Corporation, type: company, aliases: [Mi]}\n"
    )
    kb = load_kb(str(mine))
    assert kb.get("acme").name == "Acme Widgets"
    assert kb.get("xiaomi").name == "Xiaomi Corporation"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- {id: Bad Id, name: X, type: company}", "id"),
        ("- {id: a, name: A, type: spaceship}", "type"),
        ("- {id: a, name: A, type: company, subsidiary_of: nowhere}", "unknown id 'nowhere'"),
        ("{not: a list}", "expected a list"),
        ("- [unclosed", "invalid YAML"),
    ],
)
def test_invalid_user_files_name_the_file_and_the_problem(tmp_path, content, message):
    bad = tmp_path / "bad.yaml"
    bad.write_text(content)
    with pytest.raises(VocabularyError, match=message):
        load_kb(str(bad))


def test_missing_user_path_is_an_error(tmp_path):
    with pytest.raises(VocabularyError, match="not found"):
        load_kb(str(tmp_path / "nope.yaml"))
