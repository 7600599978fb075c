import pytest
from fastapi.testclient import TestClient

from factwire.web import create_app
from tests.conftest import samples_store

TOKEN = "s3cret"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory, pipeline):
    return samples_store(tmp_path_factory.mktemp("web") / "web.duckdb", pipeline)


@pytest.fixture(scope="module")
def client(db_path, pipeline):
    app = create_app(db_path, token=TOKEN, max_body=64 * 1024, pipeline=pipeline)
    with TestClient(app) as c:
        yield c
    app.state.store.close()
