import io
import json

import pytest

from factwire.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
)
from factwire.ingest import ReadOptions, read_paths
from factwire.ingest.readers import read_stream
from factwire.models import Document

ARTICLE = "Xiaomi delivered 48,654 cars in October.\n\nIts shares fell 2%."


def read(*paths, **options):
    return list(read_paths([str(p) for p in paths], ReadOptions(**options)))


def test_text_file_becomes_a_document_with_title_and_date(tmp_path):
    from datetime import date

    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, "utf-8")
    [doc] = read(path, published_at=date(2025, 11, 2))
    assert isinstance(doc, Document)
    assert doc.title == "Xiaomi delivered 48,654 cars in October."
    assert doc.published_at == date(2025, 11, 2)
    assert doc.source == str(path)


def test_empty_binary_gbk_and_huge_inputs_give_errors_naming_the_input(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("小米汽车十月交付超过四万辆，雷军表示安全是基础。".encode("gbk"))
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # 50 MB, sparse: the size check must not read it
        fh.truncate(50 * 1024 * 1024)
    results = read(empty, binary, gbk, huge)
    assert [type(r) for r in results] == [
        EmptyInputError, BinaryInputError, EncodingError, InputTooLargeError,
    ]
    for result, path in zip(results, (empty, binary, gbk, huge), strict=True):
        assert str(result).startswith(f"{path}: ")
        assert "\n" not in str(result)
    assert "--encoding" in str(results[2])


def test_gbk_reads_when_the_encoding_is_given(tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("小米汽车十月交付超过四万辆。".encode("gbk"))
    [doc] = read(gbk, encoding="gbk")
    assert doc.text.startswith("小米汽车") and doc.language == "zh"


def test_jsonl_reports_bad_lines_with_numbers_and_keeps_the_rest(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": ARTICLE, "title": "T1", "published_at": "2025-11-01T08:00:00Z"}),
        '{"text": "broken',
        json.dumps({"title": "no text"}),
        "[1, 2]",
        json.dumps({"text": "Second story: revenue rose 9%.", "url": "https://example.com/2"}),
        json.dumps({"text": "Bad date", "published_at": "yesterday"}),
    ]
    path.write_text("\n".join(lines), "utf-8")
    results = read(path)
    assert [type(r).__name__ for r in results] == [
        "Document", "MalformedInputError", "MalformedInputError", "MalformedInputError",
        "Document", "MalformedInputError",
    ]
    assert str(results[1]).startswith(f"{path}:2: invalid JSON")
    assert "no 'text'" in str(results[2]) and results[2].line == 3
    assert results[0].source == f"{path}:1" and str(results[0].published_at) == "2025-11-01"
    assert results[4].url == "https://example.com/2"


def test_json_list_and_single_object(tmp_path):
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": "A rose 5%."}, {"text": "B fell 3%."}]))
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": "C was flat."}))
    broken = tmp_path / "broken.json"
    broken.write_text('{"text": ')
    results = read(many, one, broken)
    assert [type(r).__name__ for r in results] == ["Document", "Document", "Document", "MalformedInputError"]


def test_html_main_text_and_metadata(tmp_path):
    page = tmp_path / "page.html"
    body = "<p>" + "NIO delivered 40,397 vehicles in October, a monthly record for the company. " * 3 + "</p>"
    page.write_text(
        "<html><head><title>NIO sets record</title>"
        '<meta property="article:published_time" content="2025-11-01"></head>'
        f"<body><nav>Home | Markets</nav><article><h1>NIO sets record</h1>{body}</article></body></html>"
    )
    [doc] = read(page)
    assert "40,397 vehicles" in doc.text and "Markets" not in doc.text
    assert doc.title == "NIO sets record" and str(doc.published_at) == "2025-11-01"


def test_html_without_text_is_malformed(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><body><div></div></body></html>")
    [err] = read(page)
    assert isinstance(err, MalformedInputError)


def test_folders_recurse_and_missing_paths_are_reported(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Up 5%.")
    (tmp_path / "two.txt").write_text("Down 3%.")
    (tmp_path / "notes.bin").write_bytes(b"\x00")
    results = read(tmp_path, tmp_path / "missing.txt")
    assert sum(isinstance(r, Document) for r in results) == 2
    assert isinstance(results[-1], InputError) and "no such file" in str(results[-1])


def test_stdin_is_sniffed_and_size_limited():
    docs = list(read_stream(io.BytesIO(b'{"text": "A"}\n{"text": "B"}\n'), "-", ReadOptions()))
    assert [d.text for d in docs] == ["A", "B"]
    [err] = read_stream(io.BytesIO(b"x" * 101), "-", ReadOptions(max_bytes=100))
    assert isinstance(err, InputTooLargeError) and str(err).startswith("-: too large")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_utf8_bom_is_dropped(tmp_path, encoding):
    path = tmp_path / "bom.txt"
    path.write_bytes("Revenue rose 5%.".encode(encoding))
    [doc] = read(path)
    assert doc.text == "Revenue rose 5%."
