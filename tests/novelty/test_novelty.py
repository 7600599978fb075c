"""Near-duplicates and novelty, within a run and across the store."""

from datetime import date

import pytest

from factwire.models import Document
from factwire.novelty import signature, similarity
from factwire.store import Store

RECALL_1 = (
    "Xiaomi recalls SU7 sedans over driver-assistance flaw\n\n"
    "Xiaomi Auto will recall 23,000 SU7 sedans to update their driver-assistance software, the "
    "company said on Monday, November 17th. The update fixes how the system warns drivers about "
    "unusual road conditions on highways. Owners will not need to visit a service centre, and the "
    "update will be delivered over the air from next week. Xiaomi shares fell 2% after the news. "
    "Analysts said the recall was small compared with the number of cars on the road and was unlikely "
    "to hurt demand for the YU7, which is still sold out for several months."
)
# the same story reprinted: new headline, new footer
REPRINT = (
    "Xiaomi Auto to update SU7 software in recall\n\n" + RECALL_1.split("\n\n", 1)[1]
    + "\n\nThis article first appeared on a partner site. All rights reserved."
)
# a different story on the same recall, a day later
FOLLOW_UP = (
    "Regulator details Xiaomi recall\n\n"
    "The State Administration for Market Regulation said on Tuesday, November 18th, that Xiaomi Auto's "
    "recall of 23,000 SU7 sedans covers cars built between February and June. It said it had received "
    "complaints from owners about false warnings on motorways."
)
OTHER = (
    "NIO posts record deliveries\n\nNIO said on November 1st that it delivered 40,397 vehicles in October, "
    "a record for the company."
)


def doc(text, day):
    return Document.from_text(text, published_at=date(2025, 11, day), title=text.split("\n")[0])


def recall_score(analysis, entity="xiaomi-auto"):
    return next(s.score for s in analysis.novelty.scores if s.entity_id == entity and s.event_type == "recall")


def test_minhash_similarity_separates_reprints_from_other_stories():
    from factwire.novelty.scoring import DUPLICATE_AT

    a, b, c = signature(RECALL_1), signature(REPRINT), signature(OTHER)
    assert similarity(a, b) >= DUPLICATE_AT  # a short story: the new headline and footer weigh more
    assert similarity(a, c) < 0.2
    assert similarity(a, signature(FOLLOW_UP)) < DUPLICATE_AT


def test_a_reprint_with_new_headline_and_footer_is_grouped_within_a_run(pipeline):
    from factwire.novelty import Run

    run = Run()  # the stories of one batch
    first = run(pipeline(doc(RECALL_1, 17)))
    assert first.novelty.duplicate_of is None and recall_score(first) == 100
    reprint = run(pipeline(doc(REPRINT, 18)))
    assert reprint.novelty.duplicate_of == first.document.id
    assert recall_score(reprint) == 0


def test_analysis_carries_nothing_from_one_call_to_the_next(pipeline):
    """The issue's reproduction: a text, then a copy one sentence longer, was marked a duplicate
    of the first by the pipeline's own memory."""
    import factwire

    longer = RECALL_1 + " The company did not say how many owners had complained."
    for analyse in (lambda t: pipeline(doc(t, 17)), lambda t: factwire.analyze(t, published="2025-11-17")):
        first, second = analyse(RECALL_1), analyse(longer)
        assert first.novelty.duplicate_of is None and second.novelty.duplicate_of is None
        assert recall_score(second) == 100
        again = analyse(RECALL_1)  # the same text twice: still judged on its own
        assert again.novelty.duplicate_of is None and recall_score(again) == 100


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "n.duckdb") as s:
        yield s


def test_store_groups_reprints_and_decays_novelty_for_later_stories(store, pipeline):
    store.ingest(pipeline, [doc(RECALL_1, 17), doc(REPRINT, 18), doc(FOLLOW_UP, 18), doc(OTHER, 2)])
    rows = store.query(
        "SELECT d.title, d.duplicate_of, n.entity_id, n.event_type, n.score, n.prior_stories FROM documents d "
        "LEFT JOIN novelty n ON n.doc_id = d.id AND n.event_type IN ('recall', 'deliveries_sales') "
        "ORDER BY d.published_at, d.title"
    ).records()
    by_title = {}
    for r in rows:
        by_title.setdefault(r["title"], []).append(r)
    first = by_title["Xiaomi recalls SU7 sedans over driver-assistance flaw"]
    reprint = by_title["Xiaomi Auto to update SU7 software in recall"]
    follow_up = by_title["Regulator details Xiaomi recall"]
    assert all(r["duplicate_of"] is None and r["score"] == 100 for r in first)
    assert reprint[0]["duplicate_of"] is not None and all(r["score"] == 0 for r in reprint)
    # a different story on the same event: the reprint does not count twice
    assert {r["score"] for r in follow_up if r["entity_id"] == "xiaomi-auto"} == {50}
    assert {r["prior_stories"] for r in follow_up if r["entity_id"] == "xiaomi-auto"} == {1}
    assert by_title["NIO posts record deliveries"][0]["score"] == 100


def test_an_earlier_story_ingested_later_is_still_first(store, pipeline):
    store.ingest(pipeline, [doc(FOLLOW_UP, 18)])
    store.ingest(pipeline, [doc(RECALL_1, 17)])
    score = store.query(
        "SELECT n.score FROM novelty n JOIN documents d ON d.id = n.doc_id "
        "WHERE d.published_at = DATE '2025-11-17' AND n.entity_id = 'xiaomi-auto' AND n.event_type = 'recall'"
    ).rows
    assert score == [(100.0,)]
