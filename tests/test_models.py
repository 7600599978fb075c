from datetime import date

from factwire.models import Analysis, Document, content_hash, detect_language, json_schema


def test_content_hash_ignores_rewrapping_but_not_words():
    assert content_hash("Xiaomi  delivered\n40,000 cars.") == content_hash("Xiaomi delivered 40,000 cars.")
    assert content_hash("Xiaomi delivered 40,000 cars.") != content_hash("Xiaomi delivered 40,001 cars.")


def test_document_id_is_hash_prefix_and_language_detected():
    doc = Document.from_text("小米汽车十月交付超过四万辆。", published_at=date(2025, 11, 1))
    assert doc.id == doc.content_hash[:16]
    assert doc.language == "zh"
    assert detect_language("Xiaomi delivered 40,000 cars.") == "en"


def test_json_schema_has_the_stable_top_level_keys():
    schema = json_schema()
    for key in ("document", "entities", "facts", "events", "sentiment", "checks"):
        assert key in schema["properties"]
    assert "Quantity" in schema["$defs"] and "Fact" in schema["$defs"]


def test_analysis_round_trips_through_json():
    analysis = Analysis(document=Document.from_text("Revenue was RMB 5 billion."))
    again = Analysis.model_validate_json(analysis.model_dump_json())
    assert again == analysis
