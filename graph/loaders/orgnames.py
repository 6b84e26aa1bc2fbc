"""Word lists of the genre for recognising organisation names in policy text.

Curated by hand from general knowledge of Chinese standardisation policy writing;
the place names come from the admin-division reference (see orgnames_places.txt).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

INTL_BODY_NAMES = (
    "国际标准化组织", "国际电工委员会", "国际电信联盟", "世界贸易组织", "世界卫生组织", "世界知识产权组织",
    "国际计量局", "国际法制计量组织", "国际认可论坛", "国际实验室认可合作组织", "国际食品法典委员会",
    "国际海事组织", "国际民用航空组织", "国际劳工组织", "国际能源署", "经济合作与发展组织", "亚太经合组织",
    "亚太经济合作组织", "太平洋地区标准大会", "欧洲标准化委员会", "欧洲电工标准化委员会", "欧洲电信标准化协会",
    "美国国家标准学会", "美国材料与试验协会", "电气与电子工程师协会", "英国标准协会", "德国标准化学会",
    "法国标准化协会", "日本工业标准调查会", "韩国技术标准院", "联合国", "欧盟", "欧洲联盟", "东盟", "东南亚国家联盟",
    "金砖国家", "上海合作组织", "二十国集团",
)
INTL_BODY_ACRONYMS = (
    "ISO", "IEC", "ITU", "BSI", "DIN", "ANSI", "AFNOR", "WTO", "WHO", "WIPO", "CEN", "CENELEC", "ETSI", "IEEE",
    "ASTM", "JISC", "KATS", "OIML", "BIPM", "ILAC", "IAF", "APEC", "ASEAN", "PASC", "OECD", "IMO", "ICAO",
)
UN_BODY_SUFFIXES = ("环境规划署", "开发计划署", "工业发展组织", "教科文组织", "粮食及农业组织", "粮农组织", "儿童基金会",
                    "人居署", "贸易和发展会议", "欧洲经济委员会", "大会")

DOCUMENT_SUFFIXES = ("体系", "规范", "控制点", "标准", "协议", "协定", "指南", "准则", "规程", "规则", "条例", "办法")
BODY_SUFFIXES = ("协会", "学会", "组织", "委员会", "联合会", "署", "理事会", "联盟")
PLATFORM_SUFFIXES = ("平台", "研究中心", "检验中心", "检测中心", "数据交换中心", "中心", "基地", "实验室", "研究院",
                     "研究所", "检验站", "服务站", "工作站", "标准馆", "基因库", "验证点")
# Standardisation service stations are named by the town, district or county that hosts them (北滘镇…标准化服务站).
STATION_SUFFIXES = ("服务站", "工作站")
# Codes of Chinese industry standards (行业标准代号, SAC list): JB/T 10001, YY 0505, HJ 168.
INDUSTRY_STANDARD_CODES = (
    "AQ", "BB", "CB", "CH", "CJ", "CY", "DA", "DL", "DZ", "EJ", "FZ", "GA", "GH", "GM", "GY", "HB", "HG", "HJ", "HS",
    "HY", "JB", "JC", "JG", "JR", "JT", "JY", "LB", "LD", "LS", "LY", "MH", "MT", "MZ", "NB", "NY", "QB", "QC", "QJ",
    "QX", "SB", "SC", "SH", "SJ", "SL", "SN", "SW", "SY", "TB", "TD", "TY", "WB", "WH", "WJ", "WM", "WS", "XB", "YB",
    "YC", "YD", "YS", "YY", "YZ", "ZY",
)
COMPANY_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "股份公司", "公司")

GOVERNMENT_SUFFIXES = ("局", "委", "办", "厅", "部", "政府", "领导小组", "管委会", "管委", "管理委员会", "支行", "分行",
                       "监管局", "管理局", "办公室", "人大", "政协", "法院", "检察院")
GOVERNMENT_BODY_WORDS = ("标准化委员会", "标准化管理委员会", "质量监督管理委员会", "市场监督管理", "人民政府", "国务院")

# Words that say what kind of thing a name is, not which one: a name made of
# these alone (标准孵化平台, 产业技术创新联盟, 国家重点实验室) is generic.
GENERIC_WORDS = (
    "国家级", "省级", "市级", "区级", "各级", "国家", "国际化", "国际", "国内", "全国", "省", "市", "区域性", "区域",
    "专业", "标准化", "标准", "技术", "科技", "产业", "行业", "企业", "工程", "重点", "公共", "服务", "综合", "管理",
    "创新", "研究", "研发", "认证", "检测", "检验", "监测", "评价", "合作", "协同", "孵化", "验证", "符合性",
    "示范", "试点", "建设", "运营", "运行", "支撑", "交易", "开发", "集成", "聚集", "集聚", "信用", "质量", "信息化",
    "一批", "相关", "有关", "各类", "新型", "高端", "先进", "一流", "现代", "重要", "统一", "开放", "共享", "网络",
    "数据", "互联网", "物联网", "智慧", "社区", "人力资源", "产学研用", "产学研", "创业投资", "科技园区",
    "体育", "健身", "活动", "消费", "贸易", "金融", "会展", "旅游", "航运", "物流", "教育", "科普", "展示", "成果",
    "优质", "农产品", "生产", "制造业", "制造", "工业", "农业", "健康", "安全", "资源", "和", "及", "与", "、", "的", "机构", "组织",
    "技术委员会", "分技术委员会", "委员会", "工作组", "秘书处", "联盟", "中心", "平台", "基地", "实验室", "研究院",
    "研究所", "工作", "建立", "领域", "优势", "试验", "服务站", "工作站", "验证点", "“", "”", "(", ")", "（", "）", "+", " ",
)
# Kind words of alliance names: 产业技术创新联盟 is a kind, 工业互联网产业联盟 a name.
ALLIANCE_GENERIC_WORDS = (
    "产学研用", "产学研", "标准化", "标准", "产业", "技术", "创新", "区域", "科技园区", "创业投资", "认证", "企业", "行业",
    "团体", "相关", "一批", "各类", "战略", "协同", "合作", "研发", "联盟", "和", "及", "与", "、", "“", "”", " ",
)
DOCUMENT_NAME_SUFFIXES = ("管理办法", "实施办法", "办法", "条例", "规定", "发展规划", "规划纲要", "规划", "纲要", "行动计划",
                          "实施方案", "指标体系", "指导标准", "指导意见", "实施意见")

# Left edges of a name: verbs, prepositions and particles that end the phrase before it.
LEFT_BOUNDARIES = (
    "进一步", "高水平", "积极争取", "争取", "助力", "新建", "新设", "确保", "保持", "实现", "促进", "提高", "增强", "组成", "加盟", "目前", "现已", "已经", "已", "正在", "命名为", "称为", "服务于", "融入", "面向", "打通", "积极", "大力", "加快", "加强", "全面", "推动", "推进", "推广", "建设", "建立", "建成", "搭建",
    "打造", "构建", "申报", "筹建", "组建", "创建", "争创", "成立", "设立", "发挥", "强化", "完善", "优化", "提升",
    "支持", "鼓励", "引导", "引进", "拥有", "参与", "参加", "加入", "成为", "作为", "依托", "利用", "通过", "围绕",
    "对照", "参照", "参考", "借鉴", "根据", "依据", "按照", "实施", "执行", "落实", "贯彻", "印发", "出台", "发布", "颁布", "制定",
    "起草", "编制", "导入", "采用", "开展", "承担", "担任", "扩大", "探索", "培育", "形成", "申请", "命名",
    "指导", "落户", "以及", "包括", "其中", "的", "了", "在", "于", "对", "将", "把", "向",
    "从", "被", "是", "等", "即", "或", "并", "还", "也", "牵头", "主导", "负责", "举办", "召开", "支撑", "一批", "若干", "一些", "多个", "各类",
)


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Short names of Chinese provinces and prefecture-level cities (深圳, 广东, 台湾 …)."""
    path = Path(__file__).with_name("orgnames_places.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


@lru_cache(maxsize=1)
def place_prefixes() -> tuple[str, ...]:
    """`place_names()` as a tuple, for `str.startswith`."""
    return tuple(sorted(place_names()))
