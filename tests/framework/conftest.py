import datetime as dt

import pytest

from stdhub.framework import services
from stdhub.framework.choices import EntryKind
from stdhub.standards.services import create_standard


@pytest.fixture
def framework(admin_user, org):
    """A small framework of the organization: 2 branches, 5 nodes, 5 entries."""
    fw = services.create_framework(admin_user, code="zj-dt", title="数字化转型标准体系",
                                   organization=org)
    nodes = {}
    for code, name in [("1", "基础通用"), ("1.1", "术语"), ("2", "政府数字化转型"),
                       ("2.1", "数据共享"), ("2.2", "政务服务")]:
        nodes[code] = services.add_node(admin_user, fw, code=code, name=name)
    gbt = create_standard(admin_user, {"code": "GB/T 2260-2007",
                                       "title_zh": "中华人民共和国行政区划代码",
                                       "effective_on": dt.date(2008, 2, 1)})
    old = create_standard(admin_user, {"code": "GB/T 2260-2002", "title_zh": "行政区划代码（旧）",
                                       "status": "superseded"})
    services.add_entry(admin_user, nodes["1.1"], kind=EntryKind.STANDARD, code=gbt.code,
                       standard_type="基础")
    services.add_entry(admin_user, nodes["1.1"], kind=EntryKind.STANDARD, code=old.code,
                       standard_type="基础")
    services.add_entry(admin_user, nodes["2.1"], kind=EntryKind.PLANNED,
                       title="公共数据资源目录编制规范", suggested_level="local",
                       standard_type="管理")
    services.add_entry(admin_user, nodes["2.1"], kind=EntryKind.PROJECT, code="ZJ2020-001",
                       title="公共数据共享交换规范", suggested_level="local",
                       standard_type="技术")
    services.add_entry(admin_user, nodes["2.2"], kind=EntryKind.PLANNED, title="一网通办服务规范",
                       suggested_level="group", standard_type="服务",
                       international_code="ISO 9001:2015", adoption="NEQ", remark="急需")
    return fw
