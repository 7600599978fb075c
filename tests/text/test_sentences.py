from hypothesis import given
from hypothesis import strategies as st

from factwire.text import SentenceIndex, split_sentences


def texts(text):
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_english_sentences_keep_decimals_abbreviations_and_initials():
    text = "Shares rose to HK$40.78 on Monday. Mr. Lei and J. Smith of Xiaomi Corp. spoke. Why? Sales, e.g. cars, grew."
    assert texts(text) == [
        "Shares rose to HK$40.78 on Monday.",
        "Mr. Lei and J. Smith of Xiaomi Corp. spoke.",
        "Why?",
        "Sales, e.g. cars, grew.",
    ]


def test_chinese_sentences_split_on_full_width_punctuation():
    assert texts("小米汽车交付超过4万辆。雷军表示安全是基础！股价为何下跌？") == [
        "小米汽车交付超过4万辆。",
        "雷军表示安全是基础！",
        "股价为何下跌？",
    ]


def test_headlines_and_paragraphs():
    text = "Xiaomi posts first profit\n\nThe car unit made money.\nIt sold\ncars in October.\n\nEnd."
    sentences = split_sentences(text)
    assert [text[s.start : s.end] for s in sentences] == [
        "Xiaomi posts first profit",
        "The car unit made money.",
        "It sold\ncars in October.",
        "End.",
    ]
    assert [s.paragraph for s in sentences] == [0, 1, 1, 2]


def test_sentence_index_finds_the_sentence_of_an_offset():
    text = "One. Two. Three."
    index = SentenceIndex(split_sentences(text))
    assert index.at(0) == 0
    assert index.at(text.index("Two")) == 1
    assert index.at(text.index("Three") + 3) == 2
    assert index.at(4) == -1  # the space between sentences


@given(st.text())
def test_spans_are_ordered_trimmed_and_inside_the_text(text):
    previous_end = 0
    for s in split_sentences(text):
        assert previous_end <= s.start < s.end <= len(text)
        chunk = text[s.start : s.end]
        assert chunk == chunk.strip() and chunk
        previous_end = s.end
