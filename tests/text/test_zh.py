"""Chinese text: the language of a span, and where Chinese sentences end."""

import pytest

from factwire.text import split_sentences
from factwire.text.zh import language_of, sentence_cuts


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("小米集团第三季度营收增长22%。", "zh"),
        ("Xiaomi's revenue rose 22% in the third quarter.", "en"),
        ("雷军表示，Xiaomi will keep growing its car business.", "en"),
        ("比亚迪（BYD）10月销量再创新高。", "zh"),
        ("2025-11-19 10:00", "en"),  # no letters of either script: the default
    ],
)
def test_language_of_a_span(text, language):
    assert language_of(text) == language


def test_a_span_without_letters_takes_the_default():
    assert language_of("12345", default="zh") == "zh"


def test_chinese_sentences_end_at_full_stops_exclamations_questions_and_semicolons():
    line = "营收增长22%；净利润为5亿元。会继续吗？当然！好"
    cuts = sentence_cuts(line)
    assert [line[:c][-1] for c in cuts] == ["；", "。", "？", "！"]


def test_a_closing_quote_stays_with_its_sentence():
    line = "雷军说：“我们会继续努力。”公司随后发布公告。"
    (cut,) = sentence_cuts(line)
    assert line[:cut] == "雷军说：“我们会继续努力。”"


def test_half_width_marks_end_a_sentence_only_after_chinese():
    assert sentence_cuts("涨停了!次日跌停") == [4]
    assert sentence_cuts("Really?! Yes") == []  # English text: the English splitter's business
    assert sentence_cuts("每股3.5元") == []  # a decimal point is no full stop


def test_each_sentence_of_a_mixed_story_carries_its_language():
    text = (
        "小米集团第三季度营收增长22%。净利润为5亿元。\n\nXiaomi said revenue rose. It was a record.\n\n公司股价上涨3%。"
    )
    sentences = split_sentences(text)
    assert [(text[s.start : s.end], s.language) for s in sentences] == [
        ("小米集团第三季度营收增长22%。", "zh"),
        ("净利润为5亿元。", "zh"),
        ("Xiaomi said revenue rose.", "en"),
        ("It was a record.", "en"),
        ("公司股价上涨3%。", "zh"),
    ]


def test_the_document_language_is_the_default_of_sentences_without_letters():
    sentences = split_sentences("小米集团营收增长。\n\n2025\n\n股价上涨。", language="zh")
    assert [s.language for s in sentences] == ["zh", "zh", "zh"]
