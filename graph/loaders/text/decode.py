"""Bytes to text: UTF-8 (with or without BOM), UTF-16, GB18030/GBK or Big5, told apart by how they read."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from stdkg.loaders.errors import DocumentError

_COMMON_CHARS = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性"
    "好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第"
    "向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管"
    "特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处"
    "理标准市府门委局办展务推进设施责单牵头负参与配合"
    "這個們來時對說會國發現動種經開從進種業實體當點學還應與關於質標準門委員辦務導設責單牽頭負參區"
)


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(sample) // 100)


def _plausibility(text: str) -> float:
    """How much a decoding reads like Chinese prose: share of very common characters."""
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return 0.0
    return sum(1 for c in cjk if c in _COMMON_CHARS) / len(cjk)


_CONTAINERS = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a zip container (Word .docx, WPS or Excel)"),
    (b"\xd0\xcf\x11\xe0", "an OLE file (Word .doc or Excel .xls)"),
    (b"{\\rtf", "an RTF file"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


@dataclass
class Decoded:
    """Decoded text and what was repaired on the way (a truncated last character)."""

    text: str
    notes: list[str] = field(default_factory=list)


def decode(data: bytes, path: Path | str = "<bytes>") -> str:
    """Decode UTF-8 (with or without BOM), UTF-16/32 (BOM), GB18030/GBK or Big5; raise `DocumentError`
    on binary or mixed input."""
    return decode_text(data, path).text


def _truncated_utf8(data: bytes) -> str | None:
    """UTF-8 text whose last character was cut off (a partial download), without that character."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.reason != "unexpected end of data" or e.end != len(data) or len(data) - e.start > 3:
            return None
        try:
            return data[:e.start].decode("utf-8")
        except UnicodeDecodeError:
            return None
    return None


def decode_text(data: bytes, path: Path | str = "<bytes>") -> Decoded:
    """`decode`, with notes on what was repaired."""
    if not data.strip():
        raise DocumentError(path, "empty file")
    for magic, kind in _CONTAINERS:
        if data.startswith(magic):
            raise DocumentError(path, f"{kind}, not text: read it with stdkg.loaders.formats.read_document")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        try:
            return Decoded(data.decode("utf-32"))
        except UnicodeDecodeError as e:
            raise DocumentError(path, f"undecodable UTF-32 text ({e.reason} at byte {e.start})") from None
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"))
        except UnicodeDecodeError as e:
            raise DocumentError(path, f"undecodable UTF-16 text ({e.reason} at byte {e.start})") from None
    if b"\x00" in data[:4096] and len(data) % 2 == 0:
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                decoded = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _plausibility(decoded) > 0.2 and not any(c < " " and c not in "\t\n\r\f" for c in decoded[:4096]):
                return Decoded(decoded)
    if _looks_binary(data):
        raise DocumentError(path, "binary file, not text (NUL or control bytes)")
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as first:
        utf8_error = first
    repaired = _truncated_utf8(data)
    if repaired is not None:
        cut = len(data) - utf8_error.start
        return Decoded(repaired, [f"truncated file: the last character was cut off ({cut} byte"
                                  f"{'s' if cut > 1 else ''} of it left) and is dropped"])
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        if name in ("gb2312", "gbk", "gb18030", "big5", "big5-hkscs"):
            try:
                return Decoded(data.decode("gb18030" if name.startswith("gb") else name))
            except UnicodeDecodeError:
                pass
    lenient = data.decode("utf-8", errors="replace")
    good = sum(1 for c in lenient if c > "\u07ff" and c != "\ufffd")
    bad = lenient.count("\ufffd")
    if good >= 20 and bad >= 3 and good / (good + bad) > 0.15:
        raise DocumentError(
            path,
            f"mixed encodings: {good} characters read as UTF-8 but {bad} byte runs are not UTF-8 "
            f"(first at byte {utf8_error.start})",
        )
    candidates = []
    for codec in ("gb18030", "big5"):
        try:
            candidates.append((_plausibility(decoded := data.decode(codec)), codec, decoded))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise DocumentError(path, "undecodable: not UTF-8, GB18030/GBK or Big5 text")
    score, codec, decoded = max(candidates)
    if score < 0.05 and sum(1 for c in decoded if "\u4e00" <= c <= "\u9fff") > 20:
        raise DocumentError(path, f"undecodable: best guess {codec} gives no readable Chinese")
    return Decoded(decoded)
