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


# -- pathological inputs: each is one error naming the input and line; the batch goes on ------


def test_deeply_nested_json_is_one_error_and_the_batch_goes_on(tmp_path):
    deep = tmp_path / "a_deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)  # a RecursionError in json.loads
    nested = tmp_path / "b_nested.jsonl"
    nested.write_text('{"text": "NIO rose.", "x": ' + "[" * 500 + "]" * 500 + "}\n")
    good = tmp_path / "c_good.txt"
    good.write_text(ARTICLE)
    results = read(tmp_path)
    assert [type(r).__name__ for r in results] == ["MalformedInputError", "MalformedInputError", "Document"]
    assert str(results[0]).startswith(f"{deep}: invalid JSON: nested more than")
    assert str(results[1]).startswith(f"{nested}:1: invalid JSON: nested more than")


def test_numbers_json_cannot_hold_are_errors(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "a", "n": NaN}\n{"text": "b", "n": ' + "9" * 5000 + '}\n{"text": "NIO rose 5%."}\n')
    results = read(path)
    assert isinstance(results[0], MalformedInputError) and "NaN is not a JSON number" in str(results[0])
    assert isinstance(results[1], MalformedInputError) and str(results[1]).startswith(f"{path}:2:")
    assert isinstance(results[2], Document)


def test_one_bad_byte_spoils_its_line_not_the_file(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"text": "one"}\n{"text": "tw\xff\xfeo"}\n{"text": "three"}\n{"text": "fo\x00ur"}\n')
    results = read(path)
    assert [type(r).__name__ for r in results] == ["Document", "EncodingError", "Document", "BinaryInputError"]
    assert (results[1].line, results[3].line) == (2, 4)
    assert str(results[1]).startswith(f"{path}:2: not valid utf-8")


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "1850-06-01"])
def test_implausible_publication_dates_are_refused(tmp_path, value):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": "Xiaomi rose.", "published_at": value}) + '\n{"text": "NIO rose."}\n')
    bad, good = read(path)
    assert isinstance(bad, MalformedInputError) and bad.line == 1
    assert f"published_at {value} is outside the plausible window" in str(bad)
    assert isinstance(good, Document)


def test_a_date_that_does_not_parse_names_the_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "a", "published_at": "99999-01-01"}\n{"text": "b", "published_at": "2025-02-30"}\n')
    first, second = read(path)
    assert first.line == 1 and "is not an ISO date" in str(first)
    assert second.line == 2 and "is not an ISO date" in str(second)
