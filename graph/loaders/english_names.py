"""Rule-based English names for government bodies that the registry does not list.

A name such as `市交通运输局` is split into a place prefix (`市`, `青岛市`, `国家`),
a body of topic words and a kind suffix (`局`, `委`, `办` …); each part is looked
up in a small glossary, longest match first, and the English parts are put in
English order: `Qingdao Municipal Transport Bureau`. Place names the caller gives
no English for, and characters the glossary does not know, are romanised in
pinyin (`宁波` → `Ningbo`). National ministries take the `Ministry of …` order.
Labels made here are guesses: callers mark them as generated.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

KIND_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("领导小组成员单位", "Leading Group Member Units"),
    ("领导小组办公室", "Leading Group Office"),
    ("委员会办公室", "Commission Office"),
    ("委办", "Commission Office"),
    ("领导小组", "Leading Group"),
    ("联席会议", "Joint Meeting"),
    ("总署", "General Administration"),
    ("管理委员会", "Administrative Committee"),
    ("管委会", "Administrative Committee"),
    ("管委", "Administrative Committee"),
    ("委员会", "Commission"),
    ("人民政府", "People's Government"),
    ("政府", "Government"),
    ("办公厅", "General Office"),
    ("办公室", "Office"),
    ("总局", "General Administration"),
    ("中心支行", "Central Sub-branch"),
    ("研究院", "Research Institute"),
    ("中心", "Centre"),
    ("成员单位", "Member Units"),
    ("部门", "Department"),
    ("委", "Commission"),
    ("局", "Bureau"),
    ("办", "Office"),
    ("厅", "Department"),
    ("署", "Agency"),
    ("部", "Department"),
    ("院", "Institute"),
    ("处", "Division"),
    ("所", "Institute"),
)

TOPICS: dict[str, str] = {
    "发展和改革": "Development and Reform",
    "发展改革": "Development and Reform",
    "发改": "Development and Reform",
    "市场和质量监督管理": "Market and Quality Supervision",
    "市场和质量监管": "Market and Quality Supervision",
    "市场监督管理": "Market Regulation",
    "市场监管": "Market Regulation",
    "质量技术监督": "Quality and Technical Supervision",
    "质量监督检验检疫": "Quality Supervision, Inspection and Quarantine",
    "质监": "Quality and Technical Supervision",
    "出入境检验检疫": "Entry-Exit Inspection and Quarantine",
    "检验检疫": "Inspection and Quarantine",
    "交通运输": "Transport",
    "交通": "Transport",
    "公安": "Public Security",
    "教育": "Education",
    "科学技术": "Science and Technology",
    "科技创新": "Science, Technology and Innovation",
    "科技": "Science and Technology",
    "工业和信息化": "Industry and Information Technology",
    "工信": "Industry and Information Technology",
    "经济和信息化": "Economy and Information Technology",
    "经济信息化": "Economy and Information Technology",
    "经信": "Economy and Information Technology",
    "经贸信息": "Economy, Trade and Information",
    "商务": "Commerce",
    "财政": "Finance",
    "人力资源和社会保障": "Human Resources and Social Security",
    "人力资源社会保障": "Human Resources and Social Security",
    "人力资源保障": "Human Resources and Social Security",
    "人社": "Human Resources and Social Security",
    "自然资源和规划": "Natural Resources and Planning",
    "自然资源": "Natural Resources",
    "生态环境": "Ecology and Environment",
    "环境保护": "Environmental Protection",
    "环保": "Environmental Protection",
    "人居环境": "Human Settlements and Environment",
    "住房和城乡建设": "Housing and Urban-Rural Development",
    "住房城乡建设": "Housing and Urban-Rural Development",
    "住房和建设": "Housing and Construction",
    "住房建设": "Housing and Construction",
    "住建": "Housing and Urban-Rural Development",
    "城乡建设": "Urban and Rural Construction",
    "水务": "Water Affairs",
    "水利": "Water Resources",
    "农业农村": "Agriculture and Rural Affairs",
    "农业": "Agriculture",
    "农": "Agriculture",
    "林业": "Forestry",
    "园林": "Landscaping",
    "海洋与渔业": "Ocean and Fisheries",
    "海洋": "Ocean",
    "渔业": "Fisheries",
    "畜牧兽医": "Animal Husbandry and Veterinary",
    "文化和旅游": "Culture and Tourism",
    "文化广电旅游": "Culture, Radio, Television and Tourism",
    "文化广电新闻出版": "Culture, Radio, Television, Press and Publication",
    "文广新": "Culture, Radio, Television, Press and Publication",
    "文体旅游": "Culture, Sports and Tourism",
    "文化": "Culture",
    "旅游发展": "Tourism Development",
    "旅游": "Tourism",
    "体育": "Sports",
    "卫生健康": "Health",
    "卫健": "Health",
    "卫生和计划生育": "Health and Family Planning",
    "卫生计生": "Health and Family Planning",
    "卫生": "Health",
    "民政": "Civil Affairs",
    "司法": "Justice",
    "审计": "Audit",
    "统计": "Statistics",
    "应急管理": "Emergency Management",
    "应急": "Emergency Management",
    "安全生产监督管理": "Work Safety Supervision",
    "安监": "Work Safety Supervision",
    "退役军人事务": "Veterans Affairs",
    "医疗保障": "Healthcare Security",
    "医保": "Healthcare Security",
    "城市管理和综合执法": "Urban Management and Law Enforcement",
    "城市管理": "Urban Management",
    "城管": "Urban Management",
    "规划和国土资源": "Planning, Land and Resources",
    "规划国土": "Planning, Land and Resources",
    "规划": "Planning",
    "国土资源和房屋管理": "Land Resources and Housing Administration",
    "国土资源房管": "Land Resources and Housing Administration",
    "国土资源": "Land and Resources",
    "房管": "Housing Administration",
    "金融": "Financial Affairs",
    "信访": "Letters and Visits",
    "外事": "Foreign Affairs",
    "侨务": "Overseas Chinese Affairs",
    "台湾事务": "Taiwan Affairs",
    "台": "Taiwan Affairs",
    "民族宗教": "Ethnic and Religious Affairs",
    "粮食和物资储备": "Food and Strategic Reserves",
    "粮食": "Grain",
    "气象": "Meteorological",
    "地震": "Earthquake",
    "税务": "Taxation",
    "海关": "Customs",
    "海事": "Maritime Safety",
    "知识产权": "Intellectual Property",
    "政务服务和数据管理": "Government Services and Data Management",
    "政务服务管理": "Government Services Management",
    "政务服务": "Government Services",
    "电子政务和信息资源管理": "E-Government and Information Resources Management",
    "电政信息": "E-Government and Information Resources",
    "大数据": "Big Data",
    "数据": "Data",
    "口岸": "Port",
    "投资推广": "Investment Promotion",
    "投资促进": "Investment Promotion",
    "国有资产监督管理": "State-owned Assets Supervision and Administration",
    "国资": "State-owned Assets Supervision and Administration",
    "机关事务管理": "Government Offices Administration",
    "机关事务": "Government Offices Administration",
    "人民防空": "Civil Air Defence",
    "人防": "Civil Air Defence",
    "机构编制": "Public Sector Reform",
    "编制": "Public Sector Reform",
    "编": "Public Sector Reform",
    "法制": "Legislative Affairs",
    "监察": "Supervision",
    "综治": "Comprehensive Public Security Management",
    "维稳": "Stability Maintenance",
    "精神文明建设": "Spiritual Civilisation Construction",
    "文明": "Spiritual Civilisation",
    "标准化": "Standardization",
    "标准": "Standards",
    "服务业发展": "Service Industry Development",
    "服务业": "Service Industry",
    "市场": "Market",
    "质量": "Quality",
    "监督": "Supervision",
    "管理": "Management",
    "发展": "Development",
    "改革": "Reform",
    "信息化": "Informatization",
    "信息": "Information",
    "经济": "Economy",
    "贸易": "Trade",
    "建设": "Construction",
    "宣传": "Publicity",
    "组织": "Organization",
    "统战": "United Front Work",
    "物价": "Prices",
    "新闻出版": "Press and Publication",
    "广播电视": "Radio and Television",
    "广电": "Radio and Television",
    "城市更新": "Urban Renewal",
    "住房保障": "Housing Security",
    "工作": "Work",
    "政府": "Government",
    "委": "Party Committee",
    "各区": "District",
    "区": "District",
    "各": "All",
    "外交": "Foreign Affairs",
    "人力社保": "Human Resources and Social Security",
    "县": "County",
    "中国共产党": "CPC",
    "中共": "CPC",
    "中央委员会": "Central Committee",
    "党": "Party",
    "市场和质量监督管理": "Market and Quality Supervision",
    "经济贸易和信息化": "Economy, Trade and Information Technology",
    "文化体育旅游": "Culture, Sports and Tourism",
    "服务": "Services",
    "人民政府": "People's Government",
    "国务院": "State Council",
    "中央": "Central",
    "人民代表大会常务委员会": "People's Congress Standing Committee",
    "人民代表大会": "People's Congress",
    "人大常委会": "People's Congress Standing Committee",
    "人大": "People's Congress",
    "政协": "CPPCC Committee",
    "国家": "National",
    "国防": "National Defense",
    "质检": "Quality Supervision, Inspection and Quarantine",
    "文旅": "Culture and Tourism",
    "卫计": "Health and Family Planning",
    "交": "Transport",
    "建": "Construction",
    "旅发": "Tourism Development",
    "人居": "Human Settlements",
    "科创": "Science, Technology and Innovation",
    "认证认可监督管理": "Certification and Accreditation",
    "认证认可": "Certification and Accreditation",
    "认监": "Certification and Accreditation",
    "银行业监督管理委员会": "Banking Regulatory Commission",
    "证券监督管理委员会": "Securities Regulatory Commission",
    "保险监督管理委员会": "Insurance Regulatory Commission",
    "银行保险监督管理委员会": "Banking and Insurance Regulatory Commission",
    "监督管理委员会": "Supervision and Administration Commission",
    "委员会": "Commission",
    "银保监": "Banking and Insurance Regulatory",
    "银监": "Banking Regulatory",
    "证监": "Securities Regulatory",
    "保监": "Insurance Regulatory",
    "监管": "Regulatory",
    "银行业": "Banking",
    "银行": "Bank",
    "证券": "Securities",
    "保险": "Insurance",
    "社会治安综合治理": "Comprehensive Management of Public Security",
    "维护稳定": "Stability Maintenance",
    "深港": "Shenzhen-Hong Kong",
    "现代": "Modern",
    "合作区": "Cooperation Zone",
    "功能区": "Functional Zone",
    "开发区": "Development Zone",
    "高新区": "High-tech Zone",
    "自贸区": "Free Trade Zone",
    "职能": "Functional",
    "直属": "Directly Affiliated",
    "市直": "Municipal",
    "直": "Directly Affiliated",
    "单位": "Units",
    "县级市": "County-level City",
    "协调推进": "Coordination",
    "协调": "Coordination",
    "推进": "Promotion",
    "工作": "Work",
    "编委": "Public Sector Reform Commission",
    "新区": "New District",
    "人民银行": "People's Bank of China",
    "市": "City",
    "省": "Province",
    "城市": "Urban",
    "有关": "Relevant",
    "相关": "Relevant",
}

CONNECTIVES: dict[str, str] = {"和": "and", "与": "and", "及": "and", "、": "and"}

OF_ORDER_SUFFIXES: dict[str, str] = {"部": "Ministry of", "总局": "State Administration for", "总署": "General Administration of"}
UNPLACED = ("", "National", "China")
HAN = re.compile(r"[\u4e00-\u9fff]")
PARTY_COMMITTEE = re.compile(r"^(中共|中国共产党)?([\u4e00-\u9fff]{0,4}?)(市|省)(委员会|委)$")
ZONE_COMMITTEE_SUFFIXES = ("管理委员会", "管委会", "管委")
COLLECTIVE_MARKS = ("各", "有关", "相关")
PLACE_BEFORE_LEVEL = re.compile(r"^([\u4e00-\u9fff]{2,3}?)(市|省)(.+)$")

_t2s = opencc.OpenCC("t2s")


def _normalise(text: str) -> str:
    return "".join(_t2s.convert(unicodedata.normalize("NFKC", text)).split())


def romanise(text: str) -> str:
    """Pinyin of a run of Chinese characters as one capitalised word (`六安` → `Lu'an`).

    Needs the `pypinyin` package; without it the characters are kept as written.
    """
    try:
        from pypinyin import lazy_pinyin
    except ImportError:
        return text
    syllables = lazy_pinyin(text)
    word = syllables[0] if syllables else ""
    for syllable in syllables[1:]:
        word += ("'" if syllable[:1] in "aeo" and HAN.search(text) else "") + syllable
    return word[:1].upper() + word[1:]


@lru_cache(maxsize=None)
def _topic_keys() -> tuple[str, ...]:
    return tuple(sorted(TOPICS, key=len, reverse=True))


def _split_place(name: str, city_zh: str | None, city_en: str | None) -> tuple[str, str]:
    """The English place words (`Qingdao Municipal`, `National`) and the rest of the name."""
    if name.startswith(("中共", "中国共产党")):
        return "", name
    for prefix, english in (("中华人民共和国", "China"), ("中国", "China"), ("国家", "National")):
        if name.startswith(prefix):
            return english, name[len(prefix):]
    short = city_zh.removesuffix("市").removesuffix("省") if city_zh else ""
    place = city_en or (romanise(short) if short else "")
    levels = {"市": "Municipal", "省": "Provincial"}
    if short:
        for level_char, level in levels.items():
            if name.startswith(short + level_char):
                return f"{place} {level}", name[len(short) + 1:]
        if name.startswith(short):
            return place, name[len(short):]
    first = name[:1]
    if first in levels and not name.startswith("市场"):
        return f"{place} {levels[first]}".strip(), name[1:]
    named = PLACE_BEFORE_LEVEL.match(name)
    if named and named.group(1) not in TOPICS and not named.group(1).startswith(COLLECTIVE_MARKS):
        return f"{romanise(named.group(1))} {levels[named.group(2)]}", named.group(3)
    return ("" if short and short in name else place), name


def _render_topic(body: str, places: dict[str, str] | None = None) -> tuple[str, int]:
    """The English words for `body` and how many of its characters the glossary did not know.

    `places` maps place names that may stand inside the body (`深圳市`, `深圳`) to English.
    """
    words: list[str] = []
    unknown = ""
    missed = 0
    i = 0
    glossary = {**TOPICS, **(places or {})}
    keys = tuple(sorted(places, key=len, reverse=True)) + _topic_keys() if places else _topic_keys()
    while i < len(body):
        match = next((k for k in keys if body.startswith(k, i)), None)
        if match is None and body[i] in CONNECTIVES:
            match = body[i]
        if match is None:
            unknown += body[i]
            missed += 1
            i += 1
            continue
        if unknown:
            words.append(romanise(unknown))
            unknown = ""
        words.append(glossary.get(match) or CONNECTIVES[match])
        i += len(match)
    if unknown:
        words.append(romanise(unknown))
    return " ".join(words), missed


def english_name_for(name_zh: str, city: str | None = None, city_en: str | None = None) -> str:
    """A rule-based English rendering of a government body's name.

    `city` is the Chinese name of the city or province whose document names the
    body (`青岛`, `青岛市`, `安徽`), `city_en` its English name (romanised when
    not given). Of the kind suffixes that end the name, the one leaving the
    fewest unknown characters wins, the longest on a tie.
    """
    return render_english_name(name_zh, city, city_en)[0]


def render_english_name(name_zh: str, city: str | None = None, city_en: str | None = None) -> tuple[str, int]:
    """`english_name_for` with the number of characters the glossary did not know (romanised instead)."""
    name = _normalise(name_zh)
    if not name:
        raise ValueError("english_name_for: empty name")
    city_zh = _normalise(city) if city else None
    party = PARTY_COMMITTEE.match(name)
    if party:
        place, _rest = _split_place(party.group(2) + party.group(3), city_zh, city_en)
        return f"CPC {place} Committee", 0
    place, rest = _split_place(name, city_zh, city_en)
    short = city_zh.removesuffix("市").removesuffix("省") if city_zh else ""
    places = {short + "市": city_en or romanise(short), short: city_en or romanise(short)} if short else None
    readings = [(_render_topic(rest, places), "", "")]
    for suffix, english in KIND_SUFFIXES:
        if not rest.endswith(suffix) or not (len(rest) > len(suffix) or place):
            continue
        if suffix in ZONE_COMMITTEE_SUFFIXES and not rest[: -len(suffix)].endswith(("区", "园")):
            continue
        readings.append((_render_topic(rest[: -len(suffix)], places), english, suffix))
    (topic, missed), kind, suffix = min(readings, key=lambda r: (r[0][1], r[1] == "", -len(r[2])))
    if suffix in OF_ORDER_SUFFIXES and place in UNPLACED:
        national = "National " if place == "National" and suffix == "部" else ""
        return f"{national}{OF_ORDER_SUFFIXES[suffix]} {topic}".strip(), missed
    if place == "China" and "China" in topic:
        place = ""
    if kind and ("各" in rest or rest.startswith(COLLECTIVE_MARKS)):
        kind = kind + ("es" if kind.endswith("s") else "s")
    rendered = " ".join(part for part in (place, topic, kind) if part)
    return re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", rendered)), missed
