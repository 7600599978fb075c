from factwire.models import Document

TEXT = (
    "Lei Jun bets on cars\n\n"
    "Lei Jun, Chairman of Xiaomi Group, said deliveries rose. Lei added that the company would "
    "expand.\n\n"
    "XPeng and NIO also reported deliveries. The company did not comment.\n\n"
    "Wang Hua and Wang Xiang attended. Wang declined to comment.\n\n"
    "Written by Ding Yu for Leida Finance."
)


def analysis(pipeline):
    return pipeline(Document.from_text(TEXT, title="Lei Jun bets on cars"))


def test_short_forms_and_references_link_where_unambiguous(pipeline):
    entities = {e.id: e for e in analysis(pipeline).entities}
    lei = [(m.text, m.via) for m in entities["lei-jun"].mentions]
    assert ("Lei", "short") in lei
    xiaomi = [(m.text, m.via) for m in entities["xiaomi"].mentions]
    assert ("the company", "reference") in xiaomi
    # "The company" after XPeng and NIO is ambiguous; "Wang" could be either Wang
    assert all(m.via != "reference" for m in entities["xpeng"].mentions + entities["nio"].mentions)
    assert all(m.text != "Wang" for e in entities.values() for m in e.mentions)


def test_relevance_ranks_the_subject_first_and_sources_last(pipeline):
    entities = analysis(pipeline).entities
    assert entities[0].id == "lei-jun"
    by_id = {e.id: e for e in entities}
    assert by_id["lei-jun"].relevance > by_id["xiaomi"].relevance > by_id["wang-xiang"].relevance
    assert by_id["leida-finance"].relevance < 5
    assert "new:ding-yu" not in by_id  # a name in a credit line is not an entity
    assert all(0 <= e.relevance <= 100 for e in entities)


def test_entities_carry_type_aliases_and_parent(pipeline):
    by_id = {e.id: e for e in analysis(pipeline).entities}
    assert by_id["lei-jun"].type == "person" and by_id["lei-jun"].parent == "xiaomi"
    assert "1810.HK" in by_id["xiaomi"].aliases



def test_discovered_names_carry_known_false_and_tickers(pipeline):
    text = "Printer maker Vortala Imaging Inc (VTI.N) said on Tuesday it would cut jobs. Vortala shares fell."
    by_id = {e.id: e for e in pipeline(Document.from_text(text)).entities}
    vortala = by_id["new:vortala-imaging"]
    assert vortala.known is False and vortala.type == "company"
    assert [m.text for m in vortala.mentions] == ["Vortala Imaging Inc", "VTI.N", "Vortala"]
    assert "VTI.N" in vortala.aliases


def test_a_company_short_form_links_unless_another_company_opens_with_it(pipeline):
    text = "LG Electronics Inc said sales rose. LG, the smaller rival of Samsung Electronics Co Ltd, gained."
    entities = {e.id: e for e in pipeline(Document.from_text(text)).entities}
    assert [(m.text, m.via) for m in entities["lg-electronics"].mentions][1:] == [("LG", "short")]
    # with LG Display in the story, "LG" alone could be either
    entities = {e.id: e for e in pipeline(Document.from_text(text + " LG Display supplies it.")).entities}
    assert [m.text for m in entities["lg-electronics"].mentions] == ["LG Electronics Inc"]
