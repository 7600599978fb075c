from factwire.entities import AliasMatcher, load_kb


def hits(text):
    matcher = AliasMatcher(load_kb())
    return [(text[h.start : h.end], h.entity_id, h.via) for h in matcher.find(text)]


def test_longest_match_and_possessives():
    assert hits("Xiaomi Auto's SU7 and Xiaomi Group's shares") == [
        ("Xiaomi Auto", "xiaomi-auto", "name"),
        ("SU7", "xiaomi-su7", "alias"),
        ("Xiaomi Group", "xiaomi", "alias"),
    ]


def test_word_boundaries_and_case_rules():
    assert hits("UNION workers and a unionised NIO plant") == [("NIO", "nio", "name")]
    assert hits("the nio plan") == []  # acronyms match exactly
    assert hits("XIAOMI and Xiaomi but not xiaomi") == [
        ("XIAOMI", "xiaomi", "name"), ("Xiaomi", "xiaomi", "name"),
    ]
    assert hits("US$5 billion") == []  # a currency, not the country
    assert hits("an apple a day, Apple shares") == [("Apple", "apple", "name")]


def test_tickers_match_exactly():
    assert hits("XPEV rose while 1810.HK fell") == [
        ("XPEV", "xpeng", "ticker"), ("1810.HK", "xiaomi", "ticker"),
    ]
    assert hits("xpev") == []


def test_chinese_names_match_inside_text():
    assert hits("雷军表示小米汽车十月交付超过4万辆，比亚迪下跌") == [
        ("雷军", "lei-jun", "alias"), ("小米汽车", "xiaomi-auto", "alias"), ("比亚迪", "byd", "alias"),
    ]
