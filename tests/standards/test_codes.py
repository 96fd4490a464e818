"""Standard code parser and the GB/T 2260 divisions it validates local codes against.

Pure tests: no database, no Django settings.
"""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stdhub.refdata import read_rows, source_of
from stdhub.refdata.divisions import (
    Division,
    division_name,
    divisions,
    prefecture_codes,
    province_codes,
)
from stdhub.standards.codes import (
    CodeError,
    ParsedCode,
    normalize_code_text,
    parse_code,
    parse_many,
)

FIELDS = ["canonical", "level", "nature", "prefix", "issuer", "number", "year", "adopts"]


def row(canonical, level, nature, prefix, issuer, number, year, adopts=None):
    return dict(zip(FIELDS, [canonical, level, nature, prefix, issuer, number, year, adopts],
                    strict=True))


CASES = {
    # national
    "GB/T 2260-2007": row("GB/T 2260-2007", "national", "recommended", "GB/T", None, "2260", 2007),
    "GB 18306-2015": row("GB 18306-2015", "national", "mandatory", "GB", None, "18306", 2015),
    "GB/Z 20000.1-2014": row("GB/Z 20000.1-2014", "national", "guidance", "GB/Z", None,
                             "20000.1", 2014),
    "GB/T 1.1-2020": row("GB/T 1.1-2020", "national", "recommended", "GB/T", None, "1.1", 2020),
    "GB/T 20000.1-2014": row("GB/T 20000.1-2014", "national", "recommended", "GB/T", None,
                             "20000.1", 2014),
    "GB/T 1400.1": row("GB/T 1400.1", "national", "recommended", "GB/T", None, "1400.1", None),
    "GB 1-80": row("GB 1-1980", "national", "mandatory", "GB", None, "1", 1980),
    "GBJ 16-87": row("GBJ 16-1987", "national", "mandatory", "GBJ", None, "16", 1987),
    "GBZ 2.1-2019": row("GBZ 2.1-2019", "national", "mandatory", "GBZ", None, "2.1", 2019),
    "GB 50016-2014": row("GB 50016-2014", "national", "mandatory", "GB", None, "50016", 2014),
    # industry
    "JT/T 1234-2019": row("JT/T 1234-2019", "industry", "recommended", "JT/T", "JT", "1234", 2019),
    "YY 0505-2012": row("YY 0505-2012", "industry", "mandatory", "YY", "YY", "0505", 2012),
    "SJ/Z 11362-2006": row("SJ/Z 11362-2006", "industry", "guidance", "SJ/Z", "SJ", "11362",
                           2006),
    "JR/T 0197-2020": row("JR/T 0197-2020", "industry", "recommended", "JR/T", "JR", "0197", 2020),
    "GM/T 0054-2018": row("GM/T 0054-2018", "industry", "recommended", "GM/T", "GM", "0054", 2018),
    "KA/T 1-2023": row("KA/T 1-2023", "industry", "recommended", "KA/T", "KA", "1", 2023),
    "JGJ 130-2011": row("JGJ 130-2011", "industry", "mandatory", "JGJ", "JG", "130", 2011),
    "CJJ/T 85-2017": row("CJJ/T 85-2017", "industry", "recommended", "CJJ/T", "CJ", "85", 2017),
    "DB/T 15-2009": row("DB/T 15-2009", "industry", "recommended", "DB/T", "DB", "15", 2009),
    "DB 15-2009": row("DB 15-2009", "industry", "mandatory", "DB", "DB", "15", 2009),
    # local
    "DB33/T 2350-2021": row("DB33/T 2350-2021", "local", "recommended", "DB33/T", "33", "2350",
                            2021),
    "DB3301/T 0287-2020": row("DB3301/T 0287-2020", "local", "recommended", "DB3301/T", "3301",
                              "0287", 2020),
    "DB11/ 501-2017": row("DB11/ 501-2017", "local", "mandatory", "DB11/", "11", "501", 2017),
    "DB11 501-2017": row("DB11/ 501-2017", "local", "mandatory", "DB11/", "11", "501", 2017),
    "DB44/Z 12-2015": row("DB44/Z 12-2015", "local", "guidance", "DB44/Z", "44", "12", 2015),
    "DB4403/T 499.3-2024": row("DB4403/T 499.3-2024", "local", "recommended", "DB4403/T", "4403",
                               "499.3", 2024),
    "DB82/T 1-2020": row("DB82/T 1-2020", "local", "recommended", "DB82/T", "82", "1", 2020),
    # group and enterprise
    "T/ZZB 0001-2018": row("T/ZZB 0001-2018", "group", None, "T/ZZB", "ZZB", "0001", 2018),
    "T/CESA 1039-2019": row("T/CESA 1039-2019", "group", None, "T/CESA", "CESA", "1039", 2019),
    "T/CECS 10001—2019": row("T/CECS 10001-2019", "group", None, "T/CECS", "CECS", "10001",
                             2019),
    "Q/GDW 1234-2014": row("Q/GDW 1234-2014", "enterprise", None, "Q/GDW", "GDW", "1234", 2014),
    "Q/GDW1234-2014": row("Q/GDW 1234-2014", "enterprise", None, "Q/GDW", "GDW", "1234", 2014),
    "Q/320102 ABC 001-2020": row("Q/320102 ABC 001-2020", "enterprise", None, "Q/320102 ABC",
                                 "320102 ABC", "001", 2020),
    "Q/CSG 1204009-2015": row("Q/CSG 1204009-2015", "enterprise", None, "Q/CSG", "CSG",
                              "1204009", 2015),
    # international
    "ISO 9001:2015": row("ISO 9001:2015", "international", None, "ISO", "ISO", "9001", 2015),
    "ISO/IEC 27001:2022": row("ISO/IEC 27001:2022", "international", None, "ISO/IEC", "ISO/IEC",
                              "27001", 2022),
    "ISO/IEC 20000-1:2018": row("ISO/IEC 20000-1:2018", "international", None, "ISO/IEC",
                                "ISO/IEC", "20000-1", 2018),
    "ISO/TS 16949:2009": row("ISO/TS 16949:2009", "international", None, "ISO/TS", "ISO", "16949",
                             2009),
    "ISO/IEC TR 27019:2017": row("ISO/IEC TR 27019:2017", "international", None, "ISO/IEC TR",
                                 "ISO/IEC", "27019", 2017),
    "ISO/IEC/TR 27019": row("ISO/IEC TR 27019", "international", None, "ISO/IEC TR", "ISO/IEC",
                            "27019", None),
    "IEC 62443-3-3:2013": row("IEC 62443-3-3:2013", "international", None, "IEC", "IEC",
                              "62443-3-3", 2013),
    "IEC/TS 62443-1-1:2009": row("IEC TS 62443-1-1:2009", "international", None, "IEC TS", "IEC",
                                 "62443-1-1", 2009),
    "ISO/IEC Guide 98-3:2008": row("ISO/IEC Guide 98-3:2008", "international", None,
                                   "ISO/IEC Guide", "ISO/IEC", "98-3", 2008),
    "ISO/PAS 45005:2020": row("ISO/PAS 45005:2020", "international", None, "ISO/PAS", "ISO",
                              "45005", 2020),
    "ISO/SAE 21434:2021": row("ISO/SAE 21434:2021", "international", None, "ISO/SAE", "ISO/SAE",
                              "21434", 2021),
    "ISO/IEC/IEEE 8802-3:2021": row("ISO/IEC/IEEE 8802-3:2021", "international", None,
                                    "ISO/IEC/IEEE", "ISO/IEC/IEEE", "8802-3", 2021),
    "ITU-T X.509": row("ITU-T X.509", "international", None, "ITU-T", "ITU-T", "X.509", None),
    "ITU-T Y.4000": row("ITU-T Y.4000", "international", None, "ITU-T", "ITU-T", "Y.4000", None),
    "ITU-T X.509 (10/2019)": row("ITU-T X.509:2019", "international", None, "ITU-T", "ITU-T",
                                 "X.509", 2019),
    "ITU-R BT.709-6": row("ITU-R BT.709-6", "international", None, "ITU-R", "ITU-R", "BT.709-6",
                          None),
    # adoption
    "GB/T 22080-2016/ISO/IEC 27001:2013": row("GB/T 22080-2016", "national", "recommended",
                                              "GB/T", None, "22080", 2016, "ISO/IEC 27001:2013"),
    "GB/T 19001-2016/ISO 9001:2015": row("GB/T 19001-2016", "national", "recommended", "GB/T",
                                         None, "19001", 2016, "ISO 9001:2015"),
    "GB/T 4208-2017/IEC 60529:2013": row("GB/T 4208-2017", "national", "recommended", "GB/T",
                                         None, "4208", 2017, "IEC 60529:2013"),
    "GB/T 20438.1-2017 / IEC 61508-1:2010": row("GB/T 20438.1-2017", "national", "recommended",
                                                "GB/T", None, "20438.1", 2017,
                                                "IEC 61508-1:2010"),
}


@pytest.mark.parametrize(("text", "expected"), CASES.items(), ids=list(CASES))
def test_parse(text, expected):
    parsed = parse_code(text)
    assert parsed.to_dict() == {"input": text, **expected}


@pytest.mark.parametrize("canonical", sorted({case["canonical"] for case in CASES.values()}))
def test_canonical_is_a_fixed_point(canonical):
    parsed = parse_code(canonical)
    assert parsed.canonical == canonical
    assert parse_code(parsed.base).base == parsed.base


@pytest.mark.parametrize(
    "text",
    [
        "GB/T 2260-2007",
        "GB/T2260-2007",
        "GB /T 2260 - 2007",
        "gb/t 2260-2007",
        "Gb/t 2260－2007",
        "GB／T 2260-2007",
        "ＧＢ／Ｔ　２２６０－２００７",
        "ＧＢ/Ｔ 2260—2007",
        "GB/T 2260–2007",
        "GB/T 2260―2007",
        "GB/T 2260−2007",
        "GB/T 2260‐2007",
        "  GB/T   2260-2007  ",
        "GB/T\t2260-2007\n",
        "GB\u2215T 2260-2007",
        "GB/T 2260\u200b-2007",
        "GBT 2260-2007",
        "GB T 2260-2007",
        "GB/T 2260 — 2007",
    ],
)
def test_typed_variants_fold_to_one_code(text):
    assert parse_code(text).canonical == "GB/T 2260-2007"


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("db33/t2350-2021", "DB33/T 2350-2021"),
        ("DB 33/T 2350—2021", "DB33/T 2350-2021"),
        ("ＤＢ３３／Ｔ　２３５０－２０２１", "DB33/T 2350-2021"),
        ("DB33T 2350-2021", "DB33/T 2350-2021"),
        ("t / zzb 0001－2018", "T/ZZB 0001-2018"),
        ("T/ZZB0001-2018", "T/ZZB 0001-2018"),
        ("iso/iec 27001：2022", "ISO/IEC 27001:2022"),
        ("ISO/IEC27001:2022", "ISO/IEC 27001:2022"),
        ("ISO / IEC 20000 - 1 : 2018", "ISO/IEC 20000-1:2018"),
        ("itu-t x.509", "ITU-T X.509"),
        ("jt/t1234-2019", "JT/T 1234-2019"),
        ("JTT 1234-2019", "JT/T 1234-2019"),
        ("JGJ/T 98-2010", "JGJ/T 98-2010"),
    ],
)
def test_other_typed_variants(text, canonical):
    assert parse_code(text).canonical == canonical


def test_adoption_suffix_is_left_out_of_canonical():
    parsed = parse_code("ＧＢ／Ｔ 22080—2016／ISO/IEC 27001：2013")
    assert parsed.canonical == "GB/T 22080-2016"
    assert parsed.adopts == "ISO/IEC 27001:2013"
    assert parsed.base == "GB/T 22080"


def test_group_code_with_adoption():
    parsed = parse_code("T/CESA 1039-2019/ISO/IEC 30141:2018")
    assert (parsed.canonical, parsed.adopts) == ("T/CESA 1039-2019", "ISO/IEC 30141:2018")


def test_leading_zeros_are_kept():
    assert parse_code("DB3301/T 0287-2020").number == "0287"
    assert parse_code("T/ZZB 0001").number == "0001"


def test_two_digit_years_are_nineteen_hundreds():
    assert parse_code("GB 1-80").year == 1980
    assert parse_code("GB 1-99").year == 1999
    assert parse_code("GB 1-00").year == 1900


def test_base_drops_the_year_only():
    assert parse_code("GB/T 2260-2007").base == "GB/T 2260"
    assert parse_code("DB3301/T 0287-2020").base == "DB3301/T 0287"
    assert parse_code("ISO/IEC 20000-1:2018").base == "ISO/IEC 20000-1"
    assert parse_code("ITU-T X.509").base == "ITU-T X.509"


def test_revisions_share_a_base():
    assert parse_code("GB/T 2260-2002").base == parse_code("gb/t 2260—2007").base


def test_to_dict_keys_in_declared_order():
    keys = list(parse_code("GB/T 2260-2007").to_dict())
    assert keys == ["input", "canonical", "level", "nature", "prefix", "issuer", "number", "year",
                    "adopts"]


def test_parsed_code_is_frozen():
    parsed = parse_code("GB/T 2260-2007")
    with pytest.raises(AttributeError):
        parsed.year = 2008


def test_input_is_kept_verbatim():
    assert parse_code("  gb/t 2260-2007 ").input == "  gb/t 2260-2007 "


def test_levels_and_natures_are_the_model_choice_values():
    # The strings of stdhub.standards.choices.Level / Nature, without importing Django.
    levels = {c["level"] for c in CASES.values()}
    natures = {c["nature"] for c in CASES.values()}
    assert levels == {"international", "national", "industry", "local", "group", "enterprise"}
    assert natures == {"mandatory", "recommended", "guidance", None}


SECTORS = [r["code"] for r in read_rows("industry_sectors.csv")]


@pytest.mark.parametrize("sector", SECTORS)
@pytest.mark.parametrize(("mark", "nature"), [("", "mandatory"), ("/T", "recommended"),
                                              ("/Z", "guidance")])
def test_every_industry_sector_with_every_nature(sector, mark, nature):
    parsed = parse_code(f"{sector.lower()}{mark.lower()} 123.4-2021")
    assert parsed.to_dict() == {
        "input": f"{sector.lower()}{mark.lower()} 123.4-2021",
        **row(f"{sector}{mark} 123.4-2021", "industry", nature, f"{sector}{mark}", sector,
              "123.4", 2021),
    }


ERRORS = [
    ("", "empty code"),
    ("   ", "empty code"),
    ("\u3000", "empty code"),
    ("XX 123-2020", "unknown prefix 'XX'"),
    ("XX/T 123-2020", "unknown prefix 'XX'"),
    ("ABC 1", "unknown prefix 'ABC'"),
    ("hello world", "unknown prefix 'HELLO'"),
    ("DB99/T 1-2020", "unknown province code '99'"),
    ("DB00/T 1-2020", "unknown province code '00'"),
    ("DB3399/T 1-2020", "unknown city code '3399'"),
    ("DB3300/T 1-2020", "unknown city code '3300'"),
    ("DB330102/T 1-2020", "bad region code '330102'"),
    ("DB3/T 1-2020", "bad region code '3'"),
    ("DB33/T 2350-20211", "bad year '20211'"),
    ("GB/T 2260-207", "bad year '207'"),
    ("GB/T 2260-1899", "bad year '1899'"),
    ("GB/T 2260-", "bad year ''"),
    ("GB/T 2260-20O7", "bad year '20O7'"),
    ("ISO 9001:15O1", "bad year '15O1'"),
    ("T/ZZB 0001-18x", "bad year '18X'"),
    ("GB/T", "missing standard number"),
    ("DB33/T", "missing standard number"),
    ("T/ZZB", "missing standard number"),
    ("GB/T ABC", "bad standard number 'ABC'"),
    ("GB/T 2260-2007 行政区划代码", "unexpected text '行政区划代码'"),
    ("GB/T 2260x", "unexpected text 'X'"),
    ("GB/T 22080-2016/FOO 1", "bad adopted code 'FOO 1': unknown prefix 'FOO'"),
    ("12345", "no standard prefix"),
    ("《标准》", "no standard prefix"),
    ("ISO/XYZ 12:2020", "unknown prefix 'ISO/XYZ'"),
    ("ISO", "not an ISO or IEC code"),
    ("ITU-T", "not an ITU recommendation"),
    ("Q/GD-W 1", "bad enterprise code 'GD-W'"),
]


@pytest.mark.parametrize(("text", "message"), ERRORS, ids=[t or "<empty>" for t, _ in ERRORS])
def test_errors_say_what_is_wrong(text, message):
    with pytest.raises(CodeError, match=re.escape(message)):
        parse_code(text)


def test_non_text_is_a_code_error():
    with pytest.raises(CodeError, match="expected text"):
        parse_code(None)


def test_code_error_is_a_value_error():
    assert issubclass(CodeError, ValueError)


def test_parse_many():
    assert parse_many(["gb/t 2260-2007", "DB99/T 1-2020", ""]) == [
        parse_code("gb/t 2260-2007").to_dict(),
        {"input": "DB99/T 1-2020", "error": "unknown province code '99'"},
        {"input": "", "error": "empty code"},
    ]


def test_parse_many_takes_any_iterable():
    assert [r["canonical"] for r in parse_many(t for t in ("GB 1-80",))] == ["GB 1-1980"]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("ＧＢ／Ｔ　２２６０－２００７", "GB/T 2260-2007"),
        ("gb /t 2260 — 2007", "GB/T 2260-2007"),
        ("GB/T2260", "GB/T2260"),
        ("  iso / iec  27001 ： 2022 ", "ISO/IEC 27001:2022"),
        ("GB/T 1 . 1", "GB/T 1.1"),
        ("", ""),
    ],
)
def test_normalize_code_text(text, folded):
    assert normalize_code_text(text) == folded


@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize_code_text(text)
    assert normalize_code_text(once) == once


# Text made of the characters codes are made of, so the parser's deeper paths get explored.
code_like = st.text(alphabet="GBTZDQISOECJYW/ -–—:.()0123456789３３ｇｂ／　", max_size=24)


@given(st.one_of(st.text(max_size=30), code_like))
def test_parser_either_parses_or_raises_code_error(text):
    try:
        parsed = parse_code(text)
    except CodeError:
        return
    assert isinstance(parsed, ParsedCode)
    again = parse_code(parsed.canonical)
    assert again.canonical == parsed.canonical
    assert {**again.to_dict(), "input": text, "adopts": parsed.adopts} == parsed.to_dict()


CHINESE_PREFIXES = (
    ["GB", "GB/T", "GB/Z", "DB/T", "DB33/T", "DB3301/T", "DB11/", "DB4403/Z", "JGJ/T"]
    + [f"{s}{m}" for s in SECTORS if s != "DB" for m in ("", "/T", "/Z")]
)
DASHES = ["-", "－", "—", "–", "―", "−", "‐", " - ", " — "]


def fullwidth(text):
    """Full-width forms of the ASCII in ``text`` (U+3000 for a space)."""
    return "".join(
        "\u3000" if c == " " else chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text
    )


@st.composite
def typed_codes(draw):
    """A Chinese code as someone might type it, and its canonical form."""
    prefix = draw(st.sampled_from(CHINESE_PREFIXES))
    number = draw(st.from_regex(r"[0-9]{1,5}(\.[0-9]{1,2})?", fullmatch=True))
    year = draw(st.none() | st.integers(1950, 2030))
    canonical = f"{prefix} {number}" + (f"-{year}" if year else "")
    space = draw(st.sampled_from(["", " ", "  ", "\u3000"]))
    typed = prefix.replace("/", draw(st.sampled_from(["/", "／", " / "]))) + space + number
    if year:
        typed += draw(st.sampled_from(DASHES)) + str(year)
    if draw(st.booleans()):
        typed = typed.lower()
    if draw(st.booleans()):
        typed = fullwidth(typed)
    return typed, canonical


@given(typed_codes())
def test_typed_chinese_codes_parse_to_their_canonical_form(case):
    typed, canonical = case
    assert parse_code(typed).canonical == canonical


@given(st.sampled_from(sorted(province_codes())), st.sampled_from(["", "/T", "/Z"]),
       st.integers(1, 9999), st.integers(1990, 2030))
def test_every_province_makes_a_local_code(region, mark, number, year):
    parsed = parse_code(f"DB{region}{mark} {number}-{year}")
    assert (parsed.level, parsed.issuer, parsed.year) == ("local", region, year)


@pytest.mark.parametrize("city", sorted(prefecture_codes()))
def test_every_prefecture_makes_a_local_code(city):
    assert parse_code(f"DB{city}/T 1-2024").issuer == city


# --- reference data ---------------------------------------------------------


def test_industry_sectors_cover_the_official_list():
    rows = read_rows("industry_sectors.csv")
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes)) == 76
    assert all(re.fullmatch(r"[A-Z]{2}", c) for c in codes)
    assert all(r["name_zh"] and r["department_zh"] for r in rows)
    assert set("""AQ BB CB CH CJ CY DA DL DZ EJ FZ GA GH GM GY HB HG HJ HS HY JB JC JG JR JT JY
        LB LD LS LY MH MT MZ NB NY QB QC QJ QX RB SB SC SF SH SJ SL SN SY TB TD TY WB WH WJ WM
        WS WW XB YB YC YD YS YY YZ ZY DB DY KA XF YJ""".split()) <= set(codes)
    assert "source:" in source_of("industry_sectors.csv")


def test_divisions_counts_per_level():
    levels = [d.level for d in divisions()]
    assert len(levels) == 3213
    assert levels.count("province") == 34
    assert levels.count("prefecture") == 333
    assert levels.count("county") == 2846


def test_divisions_codes_are_unique_six_digit():
    codes = [d.code for d in divisions()]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"\d{6}", c) for c in codes)
    assert all(isinstance(d, Division) for d in divisions())


def test_all_province_level_codes_present():
    assert province_codes() == set(
        "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63"
        " 64 65 71 81 82".split()
    )
    assert division_name("71") == "台湾省"
    assert division_name("81") == "香港特别行政区"
    assert division_name("82") == "澳门特别行政区"


def test_zhejiang():
    assert division_name("330000") == division_name("33") == "浙江省"
    zhejiang = [d for d in divisions() if d.parent == "330000" and d.level == "prefecture"]
    assert [d.code[:4] for d in zhejiang] == [f"33{n:02d}" for n in range(1, 12)]
    assert [d.name for d in zhejiang] == (
        "杭州市 宁波市 温州市 嘉兴市 湖州市 绍兴市 金华市 衢州市 舟山市 台州市 丽水市".split()
    )
    assert division_name("3301") == "杭州市"
    assert division_name("330102") == "上城区"


def test_parent_links_are_consistent():
    by_code = {d.code: d for d in divisions()}
    for d in divisions():
        if d.level == "province":
            assert d.parent is None and d.code.endswith("0000")
            continue
        parent = by_code[d.parent]
        assert d.code[:2] == parent.code[:2]
        if d.level == "prefecture":
            assert parent.level == "province" and d.code.endswith("00")
        else:
            assert parent.level in ("prefecture", "province")
            if parent.level == "prefecture":
                assert d.code[:4] == parent.code[:4]
            else:  # municipality districts and 省直辖县级 units
                assert d.code[:4] + "00" not in by_code


def test_division_name_unknown_codes():
    assert division_name("99") is None
    assert division_name("3300") is None
    assert division_name("3312") is None
    assert division_name("") is None
    assert division_name("330102x") is None


def test_divisions_source_is_named():
    source = source_of("gbt2260_divisions.csv")
    assert "民政部" in source and "https://" in source
