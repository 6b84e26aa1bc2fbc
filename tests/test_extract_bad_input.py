"""Bad input: each unreadable file gives a DocumentError naming it and its problem; the batch goes on."""
from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from stdkg.loaders.errors import DocumentError
from stdkg.loaders.policy import MAX_BYTES, load_policy_document, load_policy_documents

GOOD_TEXT = (
    "某市人民政府关于印发某市标准化发展规划的通知\n"
    "一、重点任务\n"
    "1.加强标准研制。开展研究。(责任单位:市市场监管局牵头,市科技局参与)\n"
)
CHINESE = "各区人民政府,市政府直属各单位:现将标准化发展规划印发给你们,请认真贯彻执行。"


def _good(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


def _batch_with(tmp_path: Path, bad: Path, problem: str) -> DocumentError:
    """Load good, bad, good: the two good files load, the bad one is one error naming it."""
    first, last = _good(tmp_path, "good_first.txt"), _good(tmp_path, "good_last.txt")
    records, errors = load_policy_documents([first, bad, last])
    assert [r.doc for r in records] == ["good_first", "good_last"]
    assert all(r.responsibilities for r in records)
    assert len(errors) == 1
    error = errors[0]
    assert error.path == bad
    assert bad.name in str(error)
    assert problem in error.problem
    return error


def test_empty_file(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    _batch_with(tmp_path, bad, "empty")


def test_whitespace_only_file(tmp_path):
    bad = tmp_path / "blank.txt"
    bad.write_bytes(b"  \n\r\n\t ")
    _batch_with(tmp_path, bad, "empty")


def test_binary_file(tmp_path):
    bad = tmp_path / "image.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    _batch_with(tmp_path, bad, "binary")


def test_undecodable_bytes(tmp_path):
    bad = tmp_path / "latin.txt"
    bad.write_bytes(b"Standardisation plan \xff\xff\xfe\xff for the city \xff\xff\n" * 20)
    _batch_with(tmp_path, bad, "undecodable")


def test_mixed_encodings(tmp_path):
    bad = tmp_path / "mixed.txt"
    bad.write_bytes((CHINESE * 5).encode("utf-8") + b"\n" + (CHINESE * 5).encode("gbk"))
    error = _batch_with(tmp_path, bad, "mixed encodings")
    assert "UTF-8" in error.problem


def test_file_over_the_size_limit(tmp_path):
    bad = tmp_path / "huge.txt"
    chunk = (CHINESE + "\n").encode("utf-8") * 4096
    with bad.open("wb") as f:
        while f.tell() < 50 * 1024 * 1024:
            f.write(chunk)
    assert bad.stat().st_size > MAX_BYTES
    _batch_with(tmp_path, bad, "too large")


def test_html_of_scripts_only(tmp_path):
    bad = tmp_path / "scripts.html"
    script = "<script>var title = '关于印发标准化发展规划的通知'; function f(){ return 1; }</script>\n"
    bad.write_text(
        "<!DOCTYPE html><html><head>" + script * 50 + "<style>p { color: red }</style></head>"
        "<body>" + script * 50 + "<noscript>请开启脚本</noscript></body></html>",
        encoding="utf-8",
    )
    _batch_with(tmp_path, bad, "no document text")


def test_missing_file(tmp_path):
    _batch_with(tmp_path, tmp_path / "absent.txt", "cannot read")


def test_single_load_raises_with_the_file_named(tmp_path):
    bad = tmp_path / "nul.txt"
    bad.write_bytes(b"\x00" * 100)
    with pytest.raises(DocumentError, match="nul.txt: binary"):
        load_policy_document(bad)


def test_gb18030_and_big5_files_load(tmp_path):
    gb = tmp_path / "gb.txt"
    gb.write_bytes(GOOD_TEXT.replace("\n", "\r\n").encode("gb18030"))
    big5 = tmp_path / "big5.txt"
    big5.write_bytes(opencc.OpenCC("s2t").convert(GOOD_TEXT).encode("big5"))
    records, errors = load_policy_documents([gb, big5])
    assert not errors
    for r in records:
        assert {(x.department, x.role) for x in r.responsibilities} == {("市市场监管局", "lead"), ("市科技局", "participant")}


def test_directory_given_as_a_document(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    _batch_with(tmp_path, folder, "cannot read")


def test_pdf_given_as_a_document(tmp_path):
    bad = tmp_path / "plan.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n" * 20)
    _batch_with(tmp_path, bad, "PDF")
