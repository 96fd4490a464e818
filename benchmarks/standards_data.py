"""Realistic generated standards for benchmarks: ``generate_rows(n, seed=0)``.

Each row is a dict keyed by the customary import headings (标准号, 标准名称, …), so
the same rows feed the importer and the search benchmark. Codes span every level
(GB, GB/T, GB/Z, industry JT/T…, local DB33/T and DB3301/T…, group T/ZZB…,
enterprise Q/…, ISO, IEC, ISO/IEC) and are unique; titles are built from the
vocabulary of the standards the programme deals with, skewed the way real
titles are (数据 and 规范 are in a large share of them, most characters are rare).
Some standards come in several editions: the older ones are 被代替 and the newest
names them under 代替标准.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from functools import cache


def _rows(text: str) -> list[tuple[str, ...]]:
    """``a | b | c`` lines (an indented line continues the one before) → tuples of cells."""
    text = text.strip().replace("\n    ", " ").replace("— ", "—")
    return [tuple(cell.strip() for cell in line.split("|")) for line in text.splitlines()]


def _table(text: str) -> list[tuple[str, str, int]]:
    """``中文 | English | weight`` lines (``-`` for empty) → tuples."""
    return [("" if zh == "-" else zh, "" if en == "-" else en, int(weight))
            for zh, en, weight in _rows(text)]


# (中文, English, weight) — the weights give the frequency skew of real titles.
LEADS = _table("""
- | - | 40
信息技术 | Information technology | 8
信息安全技术 | Information security technology | 6
政务服务 | Government services | 6
电子政务 | E-government | 4
公共数据 | Public data | 5
数字政府 | Digital government | 3
智慧城市 | Smart city | 3
数字化改革 | Digital reform | 2
道路运输 | Road transport | 2
食品安全 | Food safety | 2
建筑工程 | Building engineering | 2
环境保护 | Environmental protection | 2
农业 | Agriculture | 2
医疗保障 | Medical security | 2
社会保险 | Social insurance | 1
公共安全 | Public security | 1
市场监管 | Market regulation | 2
应急管理 | Emergency management | 1
自然资源 | Natural resources | 1
""")
SUBJECTS = _table("""
数据 | data | 10
公共数据 | public data | 9
政务数据 | government data | 6
数据共享 | data sharing | 6
数据开放 | data opening | 5
大数据 | big data | 5
数据安全 | data security | 5
数据资源 | data resources | 4
数据质量 | data quality | 4
电子证照 | electronic licence | 6
政务服务事项 | government service items | 5
一网通办 | one-stop online services | 3
最多跑一次 | run at most once | 2
统一社会信用代码 | unified social credit code | 2
行政区划代码 | administrative division codes | 2
个人信息 | personal information | 4
网络安全 | cybersecurity | 4
信息系统 | information system | 4
政务云 | government cloud | 3
物联网 | Internet of Things | 3
区块链 | blockchain | 2
人工智能 | artificial intelligence | 2
云计算 | cloud computing | 3
电子签章 | electronic seal | 2
电子档案 | electronic records | 2
信用信息 | credit information | 3
视频监控 | video surveillance | 2
城市大脑 | city brain | 1
地理信息 | geographic information | 3
不动产登记 | real estate registration | 1
食品追溯 | food traceability | 2
冷链物流 | cold-chain logistics | 2
车载终端 | vehicle terminal | 2
卫星定位系统 | satellite positioning system | 1
污水处理 | sewage treatment | 2
水质监测 | water quality monitoring | 2
土壤环境 | soil environment | 1
农产品 | agricultural products | 3
茶叶 | tea | 1
桑蚕丝 | mulberry silk | 1
装配式建筑 | prefabricated buildings | 1
绿色建筑 | green buildings | 2
电动汽车充电设施 | EV charging facilities | 1
养老服务 | elderly care services | 2
旅游景区 | tourist attractions | 1
医疗机构 | medical institutions | 2
消防设施 | fire protection facilities | 1
安全生产 | work safety | 2
计量器具 | measuring instruments | 1
""")
OBJECTS = _table("""
- | - | 30
平台 | platform | 5
系统 | system | 5
接口 | interface | 4
元数据 | metadata | 4
目录 | catalogue | 4
数据元 | data elements | 5
编码 | coding | 3
代码 | codes | 2
服务 | services | 4
管理 | management | 6
质量 | quality | 2
安全 | security | 3
分类分级 | classification and grading | 3
交换 | exchange | 2
采集 | collection | 2
应用 | application | 3
运行维护 | operation and maintenance | 2
建设 | construction | 3
监测 | monitoring | 2
评估 | assessment | 2
标识 | identification | 2
""")
DOC_TYPES = _table("""
规范 | specification | 22
技术规范 | technical specification | 8
管理规范 | management specification | 7
服务规范 | service specification | 6
数据规范 | data specification | 5
技术要求 | technical requirements | 10
通用要求 | general requirements | 5
指南 | guidelines | 8
建设指南 | construction guidelines | 3
评价指标 | evaluation indicators | 4
评价规范 | evaluation specification | 3
测试方法 | test methods | 4
术语 | terminology | 2
分类与编码 | classification and coding | 3
要求 | requirements | 4
实施指南 | implementation guidelines | 2
检验方法 | inspection methods | 2
安全要求 | security requirements | 3
""")
PARTS = [("总则", "General"), ("基本要求", "Basic requirements"), ("数据格式", "Data format"),
         ("接口规范", "Interface specification"), ("技术要求", "Technical requirements"),
         ("测试方法", "Test methods"), ("管理要求", "Management requirements")]

RESPONSIBLE = [
    "全国信息技术标准化技术委员会", "全国信息安全标准化技术委员会", "全国电子业务标准化技术委员会",
    "浙江省数据管理中心", "浙江省大数据发展管理局", "浙江省市场监督管理局", "浙江省经济和信息化厅",
    "交通运输部", "全国智能运输系统标准化技术委员会", "全国食品工业标准化技术委员会",
    "全国环境管理标准化技术委员会", "住房和城乡建设部", "农业农村部", "国家卫生健康委员会",
    "浙江省标准化研究院", "浙江省质量协会", "杭州市数据资源管理局",
]

# Domain lead → (ICS field prefix, CCS letter), so classification fits the title.
CLASSES = {
    "": ("35", "L"), "信息技术": ("35", "L"), "信息安全技术": ("35.030", "L"),
    "政务服务": ("03", "A"),
    "电子政务": ("35.240", "L"), "公共数据": ("35.240", "L"), "数字政府": ("35.240", "L"),
    "智慧城市": ("13", "A"), "数字化改革": ("03", "A"), "道路运输": ("03.220", "R"),
    "食品安全": ("67", "X"), "建筑工程": ("91", "P"), "环境保护": ("13", "Z"), "农业": ("65", "B"),
    "医疗保障": ("11", "C"), "社会保险": ("03", "A"), "公共安全": ("13.310", "A"),
    "市场监管": ("03", "A"), "应急管理": ("13", "C"), "自然资源": ("07", "A"),
}

# Industry sector codes (《行业标准代号》) used most in the programme's field.
SECTORS = ["JT", "GA", "SJ", "YD", "JR", "WS", "NY", "HJ", "CJ", "JG", "SB", "DL", "MZ", "LB", "GH",
           "WH", "SN", "QC", "HG", "JB", "TB", "MH", "LY", "SL", "DZ", "CH", "QX", "AQ", "GY", "YY"]
GROUPS = ["ZZB", "ZJAS", "CESA", "CCSA", "CSAE", "CAS", "CIE", "ZSQX", "CCPITCSC", "ZJSJ", "CAICT"]
ENTERPRISES = ["330100 ALIBABA", "330100 HIKVISION", "330100 DAHUA", "330100 NETEASE",
               "330200 NBPORT"]
ZHEJIANG_CITIES = [f"33{i:02d}" for i in range(1, 12)]  # 杭州 3301 … 丽水 3311
OTHER_PROVINCES = ["11", "12", "31", "32", "34", "35", "36", "37", "42", "44", "50", "51", "61"]

# Level → weight; each picks a code prefix.
LEVELS = [("GB", 5), ("GB/T", 24), ("GB/Z", 1), ("industry", 30), ("DB33/T", 9), ("DB33/", 1),
          ("city", 4), ("province", 8), ("group", 12), ("enterprise", 2), ("international", 4)]

# Standards everybody knows, so a benchmark or demo can look them up by code.
KNOWN = _rows("""
GB/T 2260-2007 | 中华人民共和国行政区划代码 |
    Codes for the administrative divisions of the People's Republic of China
GB 32100-2015 | 法人和其他组织统一社会信用代码编码规则 |
    Coding rule of the unified social credit identifier for legal entities and
    other organizations
GB 11643-1999 | 公民身份号码 |
    Citizen identification number
GB/T 22080-2016 | 信息技术 安全技术 信息安全管理体系 要求 |
    Information technology—Security techniques—Information security management systems—Requirements
GB/T 35273-2020 | 信息安全技术 个人信息安全规范 |
    Information security technology—Personal information security specification
DB33/T 2350-2021 | 数字化改革 公共数据目录编制规范 |
    Digital reform—Specification for compiling public data catalogue
T/ZZB 0001-2018 | 浙江制造评价规范 通用要求 |
    Evaluation specification of Made in Zhejiang—General requirements
JT/T 808-2019 | 道路运输车辆卫星定位系统 终端通讯协议及数据格式 |
    Satellite positioning system for road transport vehicles—
    Terminal communication protocol and data format
ISO/IEC 27001:2022 | 信息安全、网络安全和隐私保护 信息安全管理体系 要求 |
    Information security, cybersecurity and privacy protection—
    Information security management systems—Requirements
""")

STATUS_WORDS = {"current": "现行", "upcoming": "即将实施", "superseded": "被代替",
                "withdrawn": "废止"}
TODAY = dt.date(2026, 1, 1)


def _weighted(rng: random.Random, items: list[tuple]) -> tuple:
    return rng.choices(items, weights=[i[-1] for i in items])[0]


def _title(rng: random.Random) -> tuple[str, str, str]:
    """(Chinese title, English title, lead) in the 引导–主体–补充 shape of real titles."""
    lead, lead_en, _ = _weighted(rng, LEADS)
    subject, subject_en, _ = _weighted(rng, SUBJECTS)
    obj, obj_en, _ = _weighted(rng, OBJECTS)
    doc, doc_en, _ = _weighted(rng, DOC_TYPES)
    main = f"{subject}{obj}{doc}" if rng.random() < 0.6 else f"{subject}{obj} {doc}"
    main_en = " ".join(w for w in (subject_en, obj_en, doc_en) if w)
    zh, en = " ".join(w for w in (lead, main) if w), "—".join(w for w in (lead_en, main_en) if w)
    return zh, en[:1].upper() + en[1:], lead


def _prefix(rng: random.Random) -> tuple[str, str]:
    """(code prefix, level kind) for one new standard."""
    kind = _weighted(rng, LEVELS)[0]
    if kind == "industry":
        return f"{rng.choice(SECTORS)}/T" if rng.random() < 0.85 else rng.choice(SECTORS), kind
    if kind == "city":
        return f"DB{rng.choice(ZHEJIANG_CITIES)}/T", kind
    if kind == "province":
        return f"DB{rng.choice(OTHER_PROVINCES)}/T", kind
    if kind == "group":
        return f"T/{rng.choice(GROUPS)}", kind
    if kind == "enterprise":
        return f"Q/{rng.choice(ENTERPRISES)}", kind
    if kind == "international":
        return rng.choice(["ISO", "ISO", "IEC", "ISO/IEC"]), kind
    return kind, kind


def _number(rng: random.Random, kind: str) -> str:
    if kind == "group":
        return f"{rng.randint(1, 999):04d}"
    if kind == "enterprise":
        return f"{rng.randint(1, 300):03d}"
    digits = {"GB": 5, "GB/T": 5, "GB/Z": 5, "international": 5}.get(kind, 4)
    return str(rng.randint(1, 10 ** digits - 1))


def _code(prefix: str, number: str, year: int, kind: str) -> str:
    return f"{prefix} {number}{':' if kind == 'international' else '-'}{year}"


def _classes(rng: random.Random, lead: str) -> tuple[str, str]:
    """ICS and CCS codes fitting the title's domain; empty while refdata has none."""
    ics, ccs = _class_pools()
    if not ics:
        return "", ""
    ics_prefix, ccs_letter = CLASSES.get(lead, ("35", "L"))
    ics_pool = ics.get(ics_prefix) or ics["35"]
    ccs_pool = ccs.get(ccs_letter) or ccs["L"]
    return rng.choice(ics_pool), rng.choice(ccs_pool)


@cache
def _class_pools() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """ICS sub-groups by field prefix and CCS 二级类目 by letter, from refdata."""
    try:
        from stdhub.refdata.classifications import ccs_classes, ics_classes
    except ImportError:
        return {}, {}
    ics = {p: [c.code for c in ics_classes() if c.code.startswith(p) and c.code.count(".") == 2]
           for p in {v[0] for v in CLASSES.values()}}
    ccs = {p: [c.code for c in ccs_classes() if c.code.startswith(p) and len(c.code) == 3]
           for p in {v[1] for v in CLASSES.values()}}
    return {k: v for k, v in ics.items() if v}, {k: v for k, v in ccs.items() if v}


def _row(code: str, title: str, en: str, issued: dt.date, effective: dt.date, status: str,
         classes: tuple[str, str], responsible: str, replaces: str) -> dict:
    return {"标准号": code, "标准名称": title, "英文名称": en, "发布日期": issued.isoformat(),
            "实施日期": effective.isoformat(), "状态": STATUS_WORDS[status], "ICS": classes[0],
            "CCS": classes[1], "归口单位": responsible, "代替标准": replaces}


def _dates(rng: random.Random, year: int) -> tuple[dt.date, dt.date]:
    issued = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    return issued, issued + dt.timedelta(days=rng.choice([0, 90, 120, 180]))


def _editions(rng: random.Random, prefix: str, number: str, kind: str, title: str, en: str,
              lead: str, seen: set[str], limit: int) -> list[dict]:
    """One to three editions of one standard, oldest first; the newest replaces the one before."""
    count = min(limit, 1 if rng.random() < 0.85 else rng.randint(2, 3))
    years = sorted(rng.sample(range(1995, 2026), count))
    responsible = rng.choice(RESPONSIBLE)
    classes = _classes(rng, lead)
    rows, previous = [], ""
    for i, year in enumerate(years):
        code = _code(prefix, number, year, kind)
        if code in seen:
            break
        seen.add(code)
        issued, effective = _dates(rng, year)
        if i < len(years) - 1:
            status = "superseded"
        elif effective > TODAY:
            status = "upcoming"
        else:
            status = "withdrawn" if rng.random() < 0.05 else "current"
        rows.append(_row(code, title, en, issued, effective, status, classes, responsible,
                         previous))
        previous = code
    return rows


def generate_rows(n: int, seed: int = 0) -> Iterator[dict]:
    """``n`` standards with unique codes, as import rows (标准号, 标准名称, 英文名称, …)."""
    rng = random.Random(seed)
    seen: set[str] = set()
    produced = 0
    for code, title, en in KNOWN[:n]:
        seen.add(code)
        produced += 1
        issued, effective = _dates(rng, int(code[-4:]))
        yield _row(code, title, en, issued, effective, "current", _classes(rng, ""),
                   rng.choice(RESPONSIBLE), "")
    known_bases = {code[:-5] for code, _, _ in KNOWN}  # no other edition of these
    while produced < n:
        prefix, kind = _prefix(rng)
        number = _number(rng, kind)
        if f"{prefix} {number}" in known_bases:
            continue
        title, en, lead = _title(rng)
        if kind not in ("group", "enterprise") and rng.random() < 0.1:
            # A multi-part standard: GB/T 1234.2 (ISO 1234-2) is 第2部分 of its title.
            part = rng.randrange(len(PARTS))
            number += f"{'-' if kind == 'international' else '.'}{part + 1}"
            title += f" 第{part + 1}部分：{PARTS[part][0]}"
            en += f"—Part {part + 1}: {PARTS[part][1]}"
        for row in _editions(rng, prefix, number, kind, title, en, lead, seen, n - produced):
            produced += 1
            yield row
