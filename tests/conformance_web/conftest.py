"""Data standards, code lists and runs made through the services, on the real database.

Uploaded datasets and errors files go to a temporary MEDIA_ROOT; background tasks
run at once (Django Tasks' ImmediateBackend) so a run finishes inside its request.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from stdnum.cn import uscc

from stdhub.conformance import services
from stdhub.orgs.choices import Role

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def uscc_with_check(body: str) -> str:
    """A GB 32100 code: 17 characters and their check character."""
    return body + uscc.calc_check_digit(body)


GOOD_USCC = [uscc_with_check(f"91330100MA2H{n:05d}") for n in range(1, 6)]

SCHEMA = {
    "title": "法人单位基础信息",
    "fields": [
        {"name": "uscc", "title": "统一社会信用代码", "type": "string", "checksum": "GB 32100",
         "constraints": {"required": True, "unique": True, "minLength": 18, "maxLength": 18}},
        {"name": "name", "title": "单位名称", "type": "string",
         "constraints": {"required": True, "maxLength": 100}},
        {"name": "division", "title": "行政区划代码", "type": "string", "codeList": "GB/T 2260"},
        {"name": "founded", "title": "成立日期", "type": "date"},
        {"name": "staff", "title": "从业人数", "type": "integer",
         "constraints": {"minimum": 0}},
    ],
    "primaryKey": "uscc",
}
HEADER = ["uscc", "name", "division", "founded", "staff"]
GOOD_ROWS = [
    [GOOD_USCC[0], "杭州数据科技有限公司", "330106", "2019-03-01", "25"],
    [GOOD_USCC[1], "浙江标准服务中心", "330100", "2015-07-15", "120"],
    [GOOD_USCC[2], "西湖信息技术有限公司", "330106", "2021-11-30", ""],
]
# Row 2 fine; row 3 bad checksum; row 4 unknown division and negative staff; row 5 no name.
BAD_ROWS = [
    GOOD_ROWS[0],
    [GOOD_USCC[1][:-1] + ("0" if GOOD_USCC[1][-1] != "0" else "1"), "错误校验位公司", "330100",
     "2015-07-15", "3"],
    [GOOD_USCC[2], "未知区划公司", "999999", "2020-01-01", "-5"],
    [GOOD_USCC[3], "", "330106", "2020-02-30", "7"],
]


def csv_bytes(header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    lines = [",".join(header)] + [",".join(_quote(v) for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode(encoding)


def _quote(value: str) -> str:
    return f'"{value}"' if "," in value else value


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture(autouse=True)
def media_and_tasks(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE
    return settings.MEDIA_ROOT


@pytest.fixture
def viewer(make_user, org):
    return make_user(Role.VIEWER, org, username="viewer")


@pytest.fixture
def outsider(make_user, other_org):
    """An editor of another organization."""
    return make_user(Role.EDITOR, other_org, username="outsider")


@pytest.fixture
def version(editor, org):
    """A published data standard (version 1.0) of ``org``."""
    return services.publish_data_standard(
        editor, identifier="zj/legal-entity", title="法人单位基础信息", organization=org,
        schema=SCHEMA, version_label="1.0", notes="首次发布")


@pytest.fixture
def data_standard(version):
    return version.data_standard
