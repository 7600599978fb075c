"""How mentions become the story's events: one event per happening."""

from datetime import date

from factwire.models import Document

REF = date(2025, 11, 19)


def events(pipeline, text, title=None, published=REF):
    doc = Document.from_text(text, published_at=published, title=title)
    return [(e.type, e.date, e.participants[0].entity_id if e.participants else None, e.modality)
            for e in pipeline(doc).events]


def test_a_mention_in_passing_joins_the_results_and_dates_them(pipeline):
    text = (
        "NIO said late on Tuesday its quarterly operating profit fell 4 percent. "
        "The results beat analysts' forecasts. "
        "Revenue rose 12 percent to $2.5 billion."
    )
    assert events(pipeline, text) == [("earnings", "2025-11-18", "nio", "confirmed")]


def test_a_mention_in_passing_deep_in_another_story_is_background(pipeline):
    text = (
        "Seres priced its Hong Kong IPO on Monday. The listing raised $1.8 billion. "
        "Demand came from funds. Trading starts on Friday. Bankers expect a strong debut. "
        "Its operating loss nearly doubled in 2024."
    )
    assert "earnings" not in [e[0] for e in events(pipeline, text)]


def test_a_defect_is_part_of_the_recall_it_causes(pipeline):
    text = "BMW is recalling 7,000 cars, the company said on Monday. The cars may have a defective air bag module."
    assert events(pipeline, text) == [("recall", "2025-11-17", "bmw", "confirmed")]


def test_a_rumour_before_the_fact_joins_the_confirmed_event(pipeline):
    text = (
        "Geely said on Monday it agreed to buy Zeekr's remaining shares. "
        "Reuters had reported on November 3rd that Geely was in talks to buy Zeekr."
    )
    assert events(pipeline, text) == [("merger_acquisition", "2025-11-17", "geely", "confirmed")]


def test_a_deal_told_from_either_side_is_one_deal(pipeline):
    text = (
        "Sharp announced on Thursday it would sell a two-thirds stake to Foxconn. "
        "Foxconn put its takeover of Sharp on hold on Friday."
    )
    got = events(pipeline, text, published=date(2016, 2, 26))
    assert [e[0] for e in got] == ["merger_acquisition"] and got[0][1] == "2016-02-25"


def test_one_buyer_two_targets_are_two_deals(pipeline):
    text = ("Stellantis is buying Leapmotor for $5.2 billion. "
            "Stellantis is also reported to be in talks to buy Neta Auto.")
    got = events(pipeline, text)
    assert sorted(e[3] for e in got if e[0] == "merger_acquisition") == ["confirmed", "rumored"]


def test_a_lasting_process_takes_its_later_mentions(pipeline):
    text = (
        "Lotus Technology said in October that it had hired Goldman Sachs to advise on strategic alternatives. "
        "On Tuesday it said it would cut 550 jobs. "
        "The company continued to explore strategic options."
    )
    got = events(pipeline, text, published=date(2026, 2, 23))
    assert [e for e in got if e[0] == "strategic_review"] == [("strategic_review", "2025-10", "lotus", "confirmed")]


def test_a_headline_about_another_company_folds_into_the_body(pipeline):
    text = "Xiaomi rival files for bankruptcy\n\nWM Motor filed for bankruptcy on October 15th."
    assert events(pipeline, text, title="Xiaomi rival files for bankruptcy") == [
        ("bankruptcy", "2025-10-15", "wm-motor", "confirmed")
    ]


def test_events_of_a_story_without_a_company_are_not_corporate(pipeline):
    text = "The White House plan would help workers laid off from their jobs. Obama unveiled it on Saturday."
    assert events(pipeline, text) == []


def test_a_reference_to_a_past_happening_has_no_date_of_its_own(pipeline):
    text = ("Nokia is cutting 1,000 jobs following its acquisition of Alcatel-Lucent, the company said in a "
            "statement on Friday.")
    got = events(pipeline, text, published=date(2016, 5, 21))
    assert ("merger_acquisition", None, "nokia", "confirmed") in got
    assert ("layoffs", "2016-05-20", "nokia", "confirmed") in got
