"""Schemathesis against our own OpenAPI spec, in process: every generated request, valid or not,
gets an answer the spec documents (status and error shape), never a server error.

Two of its checks are left out: a schema cannot say all that the server checks (that SQL parses,
that a publication date is within 1900 to tomorrow), so a schema-valid request may rightly get a
422; and pydantic reads ``false`` as a number where the schema says number."""

import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance  # noqa: E402

from factwire.ingest import read_paths  # noqa: E402
from factwire.pipeline import build_pipeline  # noqa: E402
from factwire.store import Store  # noqa: E402
from factwire.web import create_app  # noqa: E402
from tests.conftest import SAMPLES  # noqa: E402

TOKEN = "fuzz-token"


def _app():
    # built at import: schemathesis collects one test per operation from the app's spec
    db = Path(tempfile.mkdtemp(prefix="factwire-fuzz-")) / "fuzz.duckdb"
    pipeline = build_pipeline()
    with Store(db) as store:
        store.ingest(pipeline, read_paths([str(SAMPLES / "wire.jsonl")]))
    return create_app(db, token=TOKEN, max_body=64 * 1024, pipeline=pipeline)


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented(case):
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"},
                           excluded_checks=[positive_data_acceptance, negative_data_rejection])
