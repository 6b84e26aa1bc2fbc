"""Organisation mentions (committees, alliances, enterprises, standards, bodies, platforms).

Candidates come from the shapes such names take in policy text: titles cited in
《》, standard and committee codes, `名称(ACRONYM)`, known international bodies,
and phrases ending in a kind word (…技术委员会, …联盟, …平台/中心/基地/实验室,
…集团/有限公司), plus short company names listed before `等…企业`. A candidate
built only of generic words (标准孵化平台, 产业技术创新联盟, 国家重点实验室) or
naming a government body is dropped; overlapping candidates keep the longest;
each name is reported once, at its first mention.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from stdkg.loaders.orgnames import (
    ALLIANCE_GENERIC_WORDS, BODY_SUFFIXES, COMPANY_SUFFIXES, DOCUMENT_SUFFIXES, GENERIC_WORDS, GOVERNMENT_BODY_WORDS, GOVERNMENT_SUFFIXES,
    DOCUMENT_NAME_SUFFIXES, INDUSTRY_STANDARD_CODES, INTL_BODY_ACRONYMS, INTL_BODY_NAMES, LEFT_BOUNDARIES, OTHER_BODY_SUFFIXES,
    OTHER_GENERIC_WORDS, names_a_series,
    PLATFORM_SUFFIXES,
    STATION_SUFFIXES, UN_BODY_SUFFIXES, place_names, place_prefixes,
)
from stdkg import vocabulary
from stdkg.loaders.sections import SectionIndex
from stdkg.records import OrganisationMention, Plan, Provenance, Section

NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9“”+·]")
CHROME = re.compile(r"关闭窗口|Copyright|版权所有|CONTACT US|联系我们|扫一扫|相关附件|展开阅读全文|打印本页|网上咨询|上一篇|下一篇")
FOREIGN = re.compile(r"国际|世界|全球|联合国|欧洲|亚太|亚洲|非洲|美洲|拉美|阿拉伯|太平洋|东盟|英国|美国|德国|法国|日本|韩国|俄罗斯")
CODE = re.compile(
    r"(?<![A-Za-z/])(?:(?P<tc>ISO/IEC\s?JTC\s?\d+(?:/SC\s?\d+)?|(?:ISO|IEC|SAC|ITU-T)/(?:TC|SC|PC|WG|SG)\s?\d+(?:/(?:SC|WG)\s?\d+)*"
    r"|ITU-[TRD]\s?SG\s?\d+)"
    r"|(?P<std>(?:(?:ISO/IEC|ISO|IEC|IEEE|EN|BS|DIN|ANSI|ASTM\s?[A-Z])\s?\d{3,5}"
    r"|(?:GB/T|GB/Z|GB|[A-Z]{2,3}/[TZ]|DB\d{0,6}(?:/T)?|T/[A-Z][A-Za-z0-9]{1,11}|JJF|JJG)\s?\d{1,5}"
    rf"|(?:{'|'.join(INDUSTRY_STANDARD_CODES)})\s?(?:\d{{3,5}}|\d{{1,5}}(?:\.\d+)*(?=[-—]\d{{4}})))"
    r"(?:\.\d+)*(?:[-—:]\d{4})?))"
)
# A committee's code in brackets right after its name: (SAC/TC 46/SC 15).
BRACKETED_CODE = re.compile(r"\s*[(（]\s*$")
TOWN_LED = re.compile(r"^(?!各|本|全|该|所在|相关|有关)[\u4e00-\u9fff]{2,4}?(?:镇|区|县|乡|街道)(?!街)")
ACRONYM = re.compile(r"[(（](?P<acr>[A-Z][A-Za-z]*(?:/[A-Z][A-Za-z]*)?|ISO\s?\d{3,5})[)）]")
BARE_GENERIC_PLATFORMS = ("重点实验室", "工程实验室", "工程技术中心", "工程研究中心", "工程中心", "技术中心", "研究中心",
                          "服务平台", "公共服务平台", "检测中心", "实验室", "平台", "中心", "基地", "研究院")
PLATFORM_QUALIFIER = re.compile(r"^(?:国家级|国家|全国|省级|市级|省|市|重点|公共)+")
LEADING_FIRMS = "优势|龙头|骨干|重点|知名|领军|链主|头部|大型|标杆|行业龙头|科技型|高新技术"
SECTOR_ENDINGS = ("企业", "机构", "单位", "院校", "产业", "行业", "领域", "制造", "技术", "信息", "服务", "经济", "装备", "材料",
                  "能源", "医药", "农业", "工业")
BARE_DOCUMENT = re.compile(r"(?:该|本|此)?(?:条例|办法|规划|纲要|意见|通知|决定|方案|计划|规定|标准|细则|指南|规范|法)")
NOUN_LIKE_BOUNDARIES = ("建设", "实施", "指导")
KIND_SUFFIXES = PLATFORM_SUFFIXES + COMPANY_SUFFIXES + BODY_SUFFIXES
CITY_POSITIONING = re.compile(r"(?:国际|区域)[\u4e00-\u9fff]{0,4}中心$")
# A province's or city's own institute, named by its level and field (省计量科学研究院, 市质量技术研究所).
PROVINCIAL_INSTITUTE = re.compile(r"(?:省|市|自治区)[\u4e00-\u9fff]{2,10}(?:研究院|研究所)")
# An institute named by the body it belongs to: 交通运输部公路科学研究院, 某集团中央研究院.
PARENT_INSTITUTE = re.compile(r"[\u4e00-\u9fff]{2,10}(?:部|总局|集团|公司)[\u4e00-\u9fff]{2,10}(?:研究院|研究所|研究中心)")
# A national centre or lab named by its field: 国家物联网创新中心, 国家智能网联汽车创新中心.
NATIONAL_CENTRE = re.compile(r"国家[\u4e00-\u9fff]{2,12}(?:创新中心|工程研究中心|技术创新中心|工程实验室)")
# A short name the text defines for the name before it: …股份有限公司(以下简称中国交建).
DEFINED_SHORT_NAME = re.compile(r"[(（]\s*(?:以下简称|以下称|下称|简称)\s*[:：]?\s*“?([\u4e00-\u9fffA-Za-z]{2,10})”?\s*[)）]")
# A short title a document gives itself or the plan it cites (以下简称《行动计划》): an alias, not another title.
SHORT_TITLE = re.compile(r"简称\s*:?\s*《([^《》\n]{1,20})》")
# Each word a name cannot run back over, with its own pattern (联合 but not 联合国/联合会).
_BOUNDARY_PATTERNS = tuple((w, re.compile(re.escape(w))) for w in LEFT_BOUNDARIES) + (
    ("联合", re.compile("联合(?![国会])")),
    # 由 after a body's name hands a role to the next one (…委员会秘书处由某公司承担); 由 before a national or
    # Chinese body names who did something (本文件由全国…委员会归口, 由中国标准化研究院发起).
    ("由", re.compile("(?<=[会处院盟心台])由|由(?=全国|国家|中国|国际)")),
    ("来自", re.compile("来自")),
    ("随", re.compile("随[着著]")),
)
# A committee's own code in brackets right after its name is part of the name: …技术委员会(SAC/TC 527).
OWN_CODE = re.compile(r"\((?:SAC|ISO|IEC|ISO/IEC)\s?/?\s?(?:TC|SC|JTC|PC|SWG|WG)\s?\d+(?:\s?/\s?(?:TC|SC|WG)\s?\d+)*\)")
# An association's own committee, its code written after the name: 中国通信标准化协会TC6/WG2.
ASSOCIATION_COMMITTEE = re.compile(r"\s?(?:TC|SC)\s?\d+(?:/(?:WG|SC|SWG)\s?\d+)*")
# A short company name that leads or drafts a standard in news text: 由中联重科牵头制定, 晶澳科技牵头的.
FIRM_LEADS = re.compile(r"由([\u4e00-\u9fff]{2,6})(?:牵头|主导)|([\u4e00-\u9fff]{2,6})(?:牵头|主导)(?:制定|研制|起草)?的")
# Words of goals and reports that end up before 主导/牵头 (力争主导, 累计主导, 新增牵头): no firm is named so.
NOT_A_FIRM = re.compile("|".join(re.escape(w) for w in sorted(set(vocabulary.words("target_cues", "word")), key=len,
                                                               reverse=True)))
FIRM_NOT = re.compile(r"(?:局|委|办|厅|部|署|院|所|会|校|中心|政府|单位|部门|企业|机构|集团|公司|大学|学院|我国|我省|我市|双方|两地|各地)$")


# A name listed inside a longer one it is part of: a committee inside a cited title, an association
# inside its own committee's name (中国通信标准化协会TC6/WG2).
NESTED_KINDS = {("org:citation", "tc"), ("org:association-committee", "other")}


@dataclass
class _Candidate:
    start: int
    end: int
    name: str
    type: str
    rule: str


def extract_organisations(doc: str, text: str, sections: list[Section], plan: Plan | None) -> list[OrganisationMention]:
    """Each named organisation other than a government department, once per document."""
    index = SectionIndex(text, sections)
    body_end = _body_end(text)
    places = set(place_names())
    if plan is not None and plan.city:
        places.add(plan.city)
    found: list[_Candidate] = []
    for finder in (_citations, _documents, _codes, _acronym_names, _intl_bodies, _committees, _alliances, _platforms,
                   _companies, _company_lists, _leading_firms, _other_bodies, _defined_short_names):
        found.extend(c for c in finder(text, places) if c.start < body_end)
    found = [c for c in found if c.type == "standard" or not _is_government(c.name)]
    found = _without_bracketed_codes(found, text)
    kept: list[_Candidate] = []
    for c in sorted(found, key=lambda c: (-(c.end - c.start), c.start)):
        nested = any(k.start <= c.start and c.end <= k.end and (k.rule, c.type) in NESTED_KINDS for k in kept)
        if c.rule != "org:nested-citation" and not nested and any(c.start < k.end and k.start < c.end for k in kept):
            continue
        if c.rule == "org:code" and c.type == "tc" and any(_compact(c.name) in _compact(k.name) for k in kept if k.type == "tc"):
            continue  # another spelling of a committee code already listed with its name (ISO/TC\n48/SC9)
        kept.append(c)
    plain = {c.name for c in kept if not (c.type == "standard" and names_a_series(text, c.end))}
    out: list[OrganisationMention] = []
    seen: set[str] = set()
    for c in sorted(kept, key=lambda c: c.start):
        if c.name in seen:
            continue
        seen.add(c.name)
        prov = Provenance(doc, index.path(c.start), c.start, c.end, text[c.start:c.end], c.rule)
        out.append(OrganisationMention(doc=doc, name=c.name, type=c.type, provenance=prov, series=c.name not in plain))
    return out


def _compact(name: str) -> str:
    return re.sub(r"\s+", "", name).upper()


def _without_bracketed_codes(found: list[_Candidate], text: str) -> list[_Candidate]:
    """A committee code in brackets right after the committee's name is the same body, not another."""
    named_ends = [c.end for c in found if c.type == "tc" and c.rule != "org:code"]
    return [c for c in found if not (c.rule == "org:code" and c.type == "tc" and any(
        e < c.start and BRACKETED_CODE.fullmatch(text[e:c.start]) for e in named_ends))]


def _body_end(text: str) -> int:
    """Where trailing web-page chrome (contact block, print links) begins."""
    for m in CHROME.finditer(text):
        if m.start() > len(text) * 0.6:
            return text.rfind("\n", 0, m.start()) + 1
    return len(text)


def _citations(text: str, places: set[str]):
    """Titles cited in 《》 (and 〈〉 nested in them): standards, plans, laws."""
    aliases = {_joined(a.group(1)) for a in SHORT_TITLE.finditer(text)}
    for m in re.finditer(r"《([^《》\n]{1,80}(?:\n[^《》\n]{1,80})?)》", text):
        written = m.group(1)
        name = _joined(written)
        if len(name) < 3 or BARE_DOCUMENT.fullmatch(name) or name.endswith("系列") or name in aliases:
            continue
        yield _Candidate(m.start(1), m.end(1), name, "standard", "org:citation")
    for m in re.finditer(r"〈([^〈〉\n]{1,60}(?:\n[^〈〉\n]{1,60})?)〉", text):
        name = _joined(m.group(1))
        if len(name) >= 4:
            yield _Candidate(m.start(1), m.end(1), name, "standard", "org:nested-citation")


def _joined(written: str) -> str:
    """A title as one line: a line break (and the indentation around it) inside it is dropped."""
    return re.sub(r"[ \t\u3000]*\n[ \t\u3000]*", "", written).strip()


def _codes(text: str, places: set[str]):
    """Standard codes (GB/T 19001, ISO 37120) and committee codes (SAC/TC 260, ISO/TC 268)."""
    for m in CODE.finditer(text):
        kind = "tc" if m.group("tc") else "standard"
        name = m.group(0)
        digits = re.search(r"\d+$", name)
        if kind == "standard" and digits and len(digits.group(0)) > 5:
            name = name[: len(name) - len(digits.group(0)) + 5]
        yield _Candidate(m.start(), m.start() + len(name), name, kind, "org:code")


def _acronym_names(text: str, places: set[str]):
    """`名称(ACRONYM)`: a document (…体系(ISO22000)) or a foreign body (英国标准协会(BSI))."""
    for m in ACRONYM.finditer(text):
        start = _name_start(text, m.start())
        head = text[start:m.start()]
        if len(head) < 2:
            continue
        acr = m.group("acr")
        first = re.split(r"/|\s|\d", acr)[0]
        if head.endswith(DOCUMENT_SUFFIXES):
            kind = "standard"
        elif head.endswith(BODY_SUFFIXES) and (first in INTL_BODY_ACRONYMS or FOREIGN.search(head)):
            kind = "intl_body"
        else:
            continue
        if _generic(head) and first not in INTL_BODY_ACRONYMS and not re.match(r"ISO\s?\d", acr):
            continue
        yield _Candidate(start, m.end(), text[start:m.end()], kind, "org:acronym")


def _intl_bodies(text: str, places: set[str]):
    """International and foreign bodies by their curated names and acronyms."""
    for name in INTL_BODY_NAMES:
        for m in re.finditer(re.escape(name), text):
            end = m.end()
            if name == "联合国":
                tail = re.match("|".join(re.escape(s) for s in UN_BODY_SUFFIXES), text[end:])
                if tail:
                    end += tail.end()
            yield _Candidate(m.start(), end, text[m.start():end], "intl_body", "org:intl-name")
            agreement = re.match(r"的?“([^“”\n]{2,30}(?:议程|公约|协定|协议|宣言|框架|倡议))”", text[end:])
            if agreement:
                a_start = end + agreement.start(1)
                yield _Candidate(a_start, a_start + len(agreement.group(1)), agreement.group(1), "standard",
                                 "org:intl-agreement")
    for m in re.finditer(r"(?<=ISO/)IEC(?![A-Za-z/\-])(?!\s?(?:JTC|\d))", text):
        yield _Candidate(m.start(), m.end(), "IEC", "intl_body", "org:intl-acronym")  # IEC written inside ISO/IEC
    acronyms = "|".join(INTL_BODY_ACRONYMS)
    for m in re.finditer(rf"(?<![A-Za-z/])(?:{acronyms})(?![A-Za-z/\-])(?!\s?[-:]?\d)", text):
        yield _Candidate(m.start(), m.end(), m.group(0), "intl_body", "org:intl-acronym")


def _committees(text: str, places: set[str]):
    """Named standardisation committees and working groups: …标准化技术委员会, …分技术委员会 (…分委会),
    ISO project committees (…项目委员会), …标准化工作组, with their own code when it follows in brackets
    (…委员会(SAC/TC 527), “…分委会”(ISO/TC 48/SC9)). A committee named inside a cited title is listed too."""
    for m in re.finditer(r"(?:分)?技术委员会|标准化工作组|分委会|项目委员会", text):
        start = _name_start(text, m.start())
        end = m.end()
        code = OWN_CODE.match(text, end + (text[end:end + 1] == "”"))
        if code:
            end = code.end()
        name = text[start:end]
        if "标准" not in name or _generic(text[start:m.end()]) or re.search(r"\([A-Z]+\)", text[start:m.end()]):
            continue
        yield _Candidate(start, end, name, "tc", "org:committee")


def _alliances(text: str, places: set[str]):
    """Named alliances: 3D显示标准联盟, “全球…城市联盟”; not 产业技术创新联盟 or 35家标准联盟."""
    for m in re.finditer(r"联盟", text):
        if m.start() > 0 and text[m.start() - 1] == "”":
            q = text.rfind("“", 0, m.start())
            quoted = text[q + 1:m.start() - 1] if q >= 0 else ""
            if quoted and not _generic(quoted, ALLIANCE_GENERIC_WORDS):
                yield _Candidate(q, m.end(), text[q:m.end()], "alliance", "org:alliance")
            continue
        if text[m.end():m.end() + 2] in ("标准", "成员", "理事", "会员"):
            continue
        start = _name_start(text, m.start())
        name = text[start:m.end()]
        if len(name) < 4 or _generic(name, ALLIANCE_GENERIC_WORDS) or _counted(text, start, m.end()):
            continue
        yield _Candidate(start, m.end(), name, "alliance", "org:alliance")


def _platforms(text: str, places: set[str]):
    """Named platforms, centres, bases, labs and institutes."""
    pattern = "|".join(re.escape(s) for s in PLATFORM_SUFFIXES)
    for m in re.finditer(pattern, text):
        if text[m.end():m.end() + 2] == "城市":
            continue
        start = _name_start(text, m.start())
        if m.group(0) in STATION_SUFFIXES:
            start = _town_start(text, start)
        end = m.end()
        qualifier = re.match(r"[(（]([\u4e00-\u9fff]{2,8})[)）]", text[end:end + 12])
        if qualifier and not re.search(r"负责|牵头|单位|参与|配合|简称|下称", qualifier.group(1)):
            end += qualifier.end()
        name = text[start:end]
        if name.count("“") > 1 or re.match(r"\d{4}\s*年", name):
            continue  # a round of a programme (2025年国家…示范基地) names a kind, not one platform
        counted = _counted(text, start, None if qualifier else end)
        if len(name) >= 4 and _named_platform(name, places) and not counted:
            yield _Candidate(start, end, name, "platform", "org:platform")


def _town_start(text: str, start: int) -> int:
    """Back over a town name that a boundary word cut (乐从镇: 从 is a boundary word elsewhere)."""
    for back in (1, 2):
        town = TOWN_LED.match(text[max(0, start - back):start + 8])
        if town and town.end() > back and re.fullmatch(r"[\u4e00-\u9fff]{2,3}(?:镇|乡|街道)", town.group(0)) \
                and not town.group(0).startswith(LEFT_BOUNDARIES):
            return start - back
    return start


def _companies(text: str, places: set[str]):
    """Company names by their suffix: …集团, …有限公司, …股份有限公司."""
    pattern = "|".join(re.escape(s) for s in COMPANY_SUFFIXES)
    for m in re.finditer(pattern, text):
        start = _name_start(text, m.start())
        head = text[start:m.start()]
        if len(head) < 2 or _generic(head) or head.endswith(("企业", "骨干", "龙头")):
            continue
        if m.end() < len(text) and text[m.end()] in "公有股":
            continue
        yield _Candidate(start, m.end(), text[start:m.end()], "enterprise", "org:company")


def _company_lists(text: str, places: set[str]):
    """Short company names listed before `等…企业` or `等单位` (光启、华为、中兴等优势企业; 联合华为等企业;
    武汉大学、烽火通信等一批高校和企事业单位), the last item possibly a full company name
    (蔚来汽车、长鑫存储、科大讯飞股份有限公司等企业). Items with a suffix of their own are typed by it."""
    for m in re.finditer(rf"((?:[\u4e00-\u9fffA-Za-z0-9]{{2,12}}、)*[\u4e00-\u9fffA-Za-z0-9]{{2,12}})等(?:一批|多家)?"
                         rf"(?:{LEADING_FIRMS})?(?:高校和|高校、|科研院所和)?(?:企事业单位|企业|公司|单位)", text):
        pos = m.start(1)
        for i, item in enumerate(m.group(1).split("、")):
            start = pos
            if i == 0:
                start = _name_start(text, pos + len(item))
                item = text[start:pos + len(item)]
            typed_elsewhere = item.endswith(OTHER_BODY_SUFFIXES + PLATFORM_SUFFIXES + GOVERNMENT_SUFFIXES + COMPANY_SUFFIXES)
            if 2 <= len(item) <= 6 and not _generic(item) and not item.endswith(SECTOR_ENDINGS) and not typed_elsewhere \
                    and not item.startswith(("各", "相关", "有关")):
                yield _Candidate(start, start + len(item), item, "enterprise", "org:company-list")
            pos += len(text[pos:].split("、", 1)[0]) + 1


def _leading_firms(text: str, places: set[str]):
    """A short company name that leads or drafts a standard (由中联重科牵头制定, 晶澳科技牵头的…)."""
    for m in FIRM_LEADS.finditer(text):
        group = 1 if m.group(1) else 2
        end = m.end(group)
        start = max(m.start(group), _name_start(text, end))
        name = text[start:end]
        if len(name) < 2 or _generic(name) or FIRM_NOT.search(name) or name.startswith(("各", "相关", "有关", "本", "全", "我")) \
                or name.endswith(SECTOR_ENDINGS) or _is_government(name) or name in places or NOT_A_FIRM.search(name):
            continue
        yield _Candidate(start, end, name, "enterprise", "org:leading-firm")


def _defined_short_names(text: str, places: set[str]):
    """A short name defined for the organisation named just before it, of the same type, unless the full
    name already contains it (以下简称:亨通光电 after 江苏亨通光电股份有限公司 is the same name)."""
    kinds = ((COMPANY_SUFFIXES, "enterprise"), (OTHER_BODY_SUFFIXES, "other"), (PLATFORM_SUFFIXES, "platform"))
    for m in DEFINED_SHORT_NAME.finditer(text):
        before = text[:m.start()]
        kind = next((k for suffixes, k in kinds if before.endswith(suffixes)), None)
        full = before[_name_start(text, m.start()):]
        short = m.group(1)
        if kind is None or short in full or _generic(short) or BARE_DOCUMENT.fullmatch(short):
            continue
        yield _Candidate(m.start(1), m.end(1), short, kind, "org:defined-short-name")


def _other_bodies(text: str, places: set[str]):
    """Universities, associations, societies, chambers of commerce and federations (…大学, …协会, …商会, 工商联)."""
    pattern = "|".join(re.escape(s) for s in OTHER_BODY_SUFFIXES)
    for m in re.finditer(pattern, text):
        start = _name_start(text, m.start())
        name = text[start:m.end()]
        head = text[start:m.start()]
        federation = m.group(0) == "工商联" and head in ("市", "省", "区", "县", "全国")
        if not federation and (len(head) < 2 or _generic(head, GENERIC_WORDS + OTHER_GENERIC_WORDS)):
            continue
        if FOREIGN.search(name) or _counted(text, start, m.end()) or re.search(r"[和与及(（]", name):
            continue
        yield _Candidate(start, m.end(), name, "other", "org:other-body")
        code = ASSOCIATION_COMMITTEE.match(text, m.end())
        if code and m.group(0) == "协会":
            yield _Candidate(start, code.end(), text[start:code.end()], "tc", "org:association-committee")


def _name_start(text: str, end: int, limit: int = 30) -> int:
    """Start of the name that ends at `end`: back over name characters, then after the last boundary word,
    and after a 和/与/及 that follows a whole name (…研究院和…).

    A leading count (35家…), an unmatched opening quote and the 以 of `以X为样板` are left out.
    """
    start = _raw_name_start(text, end, limit)
    run = text[start:end]
    joins = [j.end() for j in re.finditer(r"[和与及]", run)
             if _specific_start(run[j.end():]) or run[:j.start()].endswith(KIND_SUFFIXES)]
    # Two names written one after the other: a place-led name right after a whole one (…产业集团江苏…有限公司).
    joins += [j for j in range(2, len(run) - 2) if run[:j].endswith(COMPANY_SUFFIXES + OTHER_BODY_SUFFIXES)
              and run[j:].startswith(place_prefixes())]
    if joins:
        start += max(joins)
    count = re.match(r"(?:有|超|近|约|共)*[\d.]+\+?\s*[—\-~～至]?\s*[\d.]*\+?\s*[家个批所座项名]", text[start:end])
    if count:
        start += count.end()
    opening = text.rfind("“", start, end)
    if opening >= 0 and "”" not in text[opening:end]:
        start = opening + 1
    if text[start:start + 1] == "以" and text[end:end + 1] == "为" and end - start > 3:
        start += 1
    return start


def _raw_name_start(text: str, end: int, limit: int) -> int:
    start, depth = end, 0
    while start > 0 and end - start < limit:
        ch = text[start - 1]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            if depth == 0:
                break
            depth -= 1
        elif not NAME_CHAR.match(ch):
            break
        start -= 1
    run = text[start:end]
    cuts = []
    for word, pattern in _BOUNDARY_PATTERNS:
        if word not in run:
            continue
        for m in pattern.finditer(run):
            if not _inside_quotes(run, m.start()):
                cuts.append((m.start(), m.end(), word))
    if not cuts:
        return start
    ends = sorted({e for _, e, _ in cuts}, reverse=True)
    # Not a cut that leaves nothing or a bare kind word (推动美的集团: 的 is part of the name).
    cut = next((e for e in ends if run[e:].strip() and run[e:] not in KIND_SUFFIXES), ends[0])
    # A word such as 建设 may sit inside a name (青岛市城乡建设标准化规划): keep a place-led name whole.
    for p in sorted({0} | {e for _, e, _ in cuts}, reverse=True):
        if p >= cut or not _specific_start(run[p:]):
            continue
        inside = [(b, w) for b, e, w in cuts if p <= b and e <= cut]
        ends_a_name = any(run[:b].endswith(KIND_SUFFIXES) for b, _ in inside)
        if all(w in NOUN_LIKE_BOUNDARIES for _, w in inside) and not ends_a_name and not _specific_start(run[cut:]):
            cut = p
        break
    return start + cut


def _inside_quotes(run: str, i: int) -> bool:
    return run.count("“", 0, i) > run.count("”", 0, i)


def _generic(name: str, words: tuple[str, ...] = GENERIC_WORDS) -> bool:
    """True when the name is built of kind words only (产业标准联盟, 市级专业标准化技术委员会)."""
    rest = name
    for word in sorted(words, key=len, reverse=True):
        rest = rest.replace(word, "")
    return not rest.strip()


def _counted(text: str, start: int, end: int | None = None) -> bool:
    """A name counted (35家标准联盟, 一批产业联盟, 新建…基地5个以上) is a kind, not a name."""
    if re.search(r"(?:\d+\s*(?:家|个|批|所|座)|一批|若干|多家|各类|一些)\s*$", text[max(0, start - 6):start]):
        return True
    return end is not None and bool(re.match(r"\s*(?:\d+|[一二三四五六七八九十两百千]+)\s*(?:家|个|批|所|座)", text[end:end + 8]))


def _documents(text: str, places: set[str]):
    """Plans, rules and indicator systems named without 《》 (出台青岛市地方标准管理办法)."""
    pattern = "|".join(re.escape(s) for s in DOCUMENT_NAME_SUFFIXES)
    for m in re.finditer(rf"(?:{pattern})(?=[等和及与的、,，。;；\s)）]|$)", text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        if "。" not in line:
            continue
        start = _name_start(text, m.start())
        name = text[start:m.end()]
        head = name[: len(name) - len(m.group(0))]
        if text[start - 1:start] == "《":
            continue
        quoted = re.search(r"(?:^|[和与及、])(“[^“”]{2,12}”)$", head)
        if quoted:
            start = m.start() - len(quoted.group(1))
            name, head = text[start:m.end()], quoted.group(1)
        quoted_head = quoted is not None and bool(re.search(r"[\u4e00-\u9fff]", quoted.group(1)))
        placed = name.startswith((*places, "国家"))
        rule_like = "标准" in head and m.group(0).endswith(("办法", "条例", "规定"))
        if len(head) >= 3 and (quoted_head or (placed or rule_like) and not _generic(head)):
            yield _Candidate(start, m.end(), name, "standard", "org:document")


def _specific_start(name: str) -> bool:
    """Whether a name opens with a word that makes it one thing: 国家…, 全国…, 深圳…"""
    plain = name.replace("“", "")
    return bool(re.match(r"(?:国家|全国|两岸|金砖|市标准)", plain) or FOREIGN.match(plain)) or plain.startswith(
        place_prefixes())


def _named_platform(name: str, places: set[str]) -> bool:
    """Whether a …平台/中心/基地/实验室 phrase names one platform rather than a kind of them."""
    plain = name.replace("“", "").replace("”", "")
    if PLATFORM_QUALIFIER.sub("", plain) in BARE_GENERIC_PLATFORMS:
        return False
    if plain.endswith(STATION_SUFFIXES):
        placed = plain.startswith(tuple(places)) or bool(TOWN_LED.match(plain))
        return placed and "标准" in plain and not _generic(plain)
    place = next((p for p in places if plain.startswith(p) and p != "中国"), "")
    # 中国… names a national body (中国质量认证中心), not a place with a generic kind after it.
    specific = bool(place or re.match(r"国家|全国|中国(?!特色)|两岸|金砖|市标准", plain))
    if "标准" in plain:
        return specific or not _generic(plain)
    if CITY_POSITIONING.search(plain):
        return False
    if specific and not _generic(plain[len(place):]):
        return True
    if (PROVINCIAL_INSTITUTE.fullmatch(plain) or PARENT_INSTITUTE.fullmatch(plain)) and not _generic(plain):
        return True
    if place and len(plain) - len(place) >= 5 and plain.endswith(("研究院", "研究所", "实验室")):
        return True  # a place's own institute or lab: 无锡物联网产业研究院, 福州物联网开放实验室
    if NATIONAL_CENTRE.fullmatch(plain):
        return True
    lab = re.fullmatch(r"([\u4e00-\u9fff]{2,6})实验室", plain)
    if lab and not _generic(lab.group(1)):
        return True
    return bool(re.search(r"国家(?:工程)?实验室|国家基因库|质量监督检验中心", plain))


def _is_government(name: str) -> bool:
    if any(w in name for w in GOVERNMENT_BODY_WORDS) and not name.endswith(("技术委员会", "平台", "中心")):
        return True
    if name.endswith(("研究院", "实验室", "标准馆")):
        return False
    return name.endswith(GOVERNMENT_SUFFIXES) and not name.endswith(("委员会", "联合会", "协会", "学会"))
