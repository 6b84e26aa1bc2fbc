"""Hard-wrapped text (as read from a PDF) rejoined: what carries a sentence on to the next line."""
from __future__ import annotations

from stdkg.loaders.text import normalise

WIDTH = 30
CONTEXT = ("  全省标准化工作以国家标准化发展纲要和省标准化条例为遵循,围绕制造业重点产业链现代化建设行动计划,突出标准"
           "引领,夯实标准化基础,全力服务全省经济社会高质量发展,推动标准化与科技创新、产业升级协同发展,提升标准化治理效能。")


def _wrap(paragraph: str) -> list[str]:
    body = paragraph.strip()
    chunks = [body[i:i + WIDTH] for i in range(0, len(body), WIDTH)]
    return ["  " + chunks[0], *chunks[1:]]


def _rejoined(before: str, after: str) -> bool:
    """Whether a sentence whose line is cut between `before` and `after` (the line before full) comes out whole."""
    lead = "推进标准化与产业发展深度融合" * 10
    before = lead[:-len(before) % WIDTH] + before
    sentence = before + after
    lines = ["  一、工作基础", *_wrap(CONTEXT), *_wrap(CONTEXT), "  二、主要目标", *_wrap(sentence)]
    assert after in lines, "the test should cut the line just before `after`"
    return sentence in normalise("\n".join(lines) + "\n", "t").text


def test_a_wrapped_line_holding_a_counter_word_is_part_of_its_sentence():
    assert _rejoined("江西省标准化研究院承建的江西省标准信息", "公共服务平台全年访问量超过50万人次。")


def test_a_line_opening_with_a_decimal_number_carries_on():
    assert _rejoined("到2025年,单位地区生产总值能耗下降", "19.5%以上。")
    assert _rejoined("氨氮排放总量分别控制在8.16万吨、", "1.18万吨以内。")


def test_a_line_opening_with_a_plus_carries_on():
    assert _rejoined("推进实施国际城市战略和“国际化", "+”行动计划。")


def test_a_numbered_item_still_starts_a_line():
    raw = "  一、重点任务\n  1.加强标准研制,推动科技成果转化为标准,支持企业主导制定\n2.推进标准实施。\n"
    assert "\n2.推进标准实施。" in normalise(raw, "t").text
