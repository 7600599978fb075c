"""Articles we wrote that together hold every event type of the taxonomy."""

from pathlib import Path

import pytest
import yaml

from factwire.events import load_taxonomy
from factwire.models import Document

ARTICLES = sorted((Path(__file__).parent / "articles").glob("*.txt"))


def expected(path):
    return yaml.safe_load(path.with_suffix(".yaml").read_text("utf-8"))


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_article_events(pipeline, path):
    spec = expected(path)
    text = path.read_text("utf-8")
    events = pipeline(Document.from_text(text, published_at=spec["published"], title=text.split("\n")[0])).events
    got = [(e.type, e.date, e.participants[0].entity_id if e.participants else None, e.modality) for e in events]
    for want in spec["events"]:
        match = [
            g for g in got
            if g[0] == want["type"] and g[2] == want["main"] and g[3] == want["modality"]
            and ("date" not in want or g[1] == str(want["date"]))
        ]
        assert match, f"{path.name}: missing {want} in {got}"


def test_every_type_of_the_taxonomy_is_covered():
    covered = {e["type"] for p in ARTICLES for e in expected(p)["events"]}
    assert covered == set(load_taxonomy().types), set(load_taxonomy().types) - covered
