"""Reprints of Chinese stories: MinHash on character 5-grams finds them as it finds English ones."""

from datetime import date

from factwire.models import Document
from factwire.novelty import signature, similarity
from factwire.novelty.scoring import DUPLICATE_AT

STORY = (
    "小米汽车宣布召回部分SU7轿车\n\n"
    "小米汽车11月17日宣布，将召回2.3万辆SU7轿车，以升级其辅助驾驶软件。公司表示，此次升级将改进系统在"
    "高速公路上对异常路况的提醒方式，车主无需前往服务中心，软件将于下周通过远程升级推送。消息公布后，"
    "小米集团股价下跌2%。分析师认为，与在路上行驶的汽车总量相比，此次召回规模较小，预计不会影响YU7的需求，"
    "该车型未来几个月的订单依然排满。"
)
# the same story reprinted: a new headline and a footer
REPRINT = "小米SU7召回：软件升级即可\n\n" + STORY.split("\n\n", 1)[1] + "\n\n本文转载自合作网站，版权归原作者所有。"
OTHER = (
    "蔚来10月交付量创新高\n\n"
    "蔚来11月1日公布，10月共交付新车40397辆，同比增长92.6%，创下公司单月交付纪录。其中乐道品牌交付超过两万辆，"
    "萤火虫品牌交付约六千辆。公司预计第四季度交付量将达到12万至12.5万辆。"
)


def doc(text, day):
    return Document.from_text(text, published_at=date(2025, 11, day), title=text.split("\n")[0])


def test_chinese_reprints_are_near_duplicates_and_other_stories_are_not():
    a, b, c = signature(STORY), signature(REPRINT), signature(OTHER)
    assert similarity(a, b) >= DUPLICATE_AT
    assert similarity(a, c) < 0.2


def test_a_chinese_reprint_is_grouped_within_a_run(pipeline):
    from factwire.novelty import Run

    run = Run()  # the stories of one batch
    first = run(pipeline(doc(STORY, 17)))
    assert first.novelty.duplicate_of is None
    assert run(pipeline(doc(REPRINT, 18))).novelty.duplicate_of == first.document.id
    assert run(pipeline(doc(OTHER, 18))).novelty.duplicate_of is None
