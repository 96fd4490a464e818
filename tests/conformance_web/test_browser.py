"""In Chromium: a member uploads a CSV, watches the run page poll its progress, reads the report."""

import re
import threading

import pytest
from playwright.sync_api import expect

from stdhub.conformance.tasks import run_conformance
from tests.browser.conftest import page, shoot  # noqa: F401  (fixtures)

from .conftest import BAD_ROWS, HEADER, csv_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-stdhub-2026"
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_upload_csv_watch_progress_and_read_report(live_server, settings, data_standard, viewer,
                                                   page, shoot, tmp_path):  # noqa: F811
    # The dummy backend leaves the run queued, so the page is seen polling before the
    # test runs the task itself, in a thread of its own (as a worker would).
    settings.TASKS = DUMMY
    dataset = tmp_path / "企业名录.csv"
    dataset.write_bytes(csv_bytes(HEADER, BAD_ROWS))

    page.goto(f"{live_server.url}/accounts/login/?next=/data-standards/")
    page.get_by_label("用户名").fill(viewer.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="法人单位基础信息").click()
    expect(page.locator("table.elements")).to_contain_text("统一社会信用代码")
    shoot("conformance-01-data-elements")

    page.get_by_role("link", name="上传数据进行检测").click()
    page.get_by_label("数据文件").set_input_files(str(dataset))
    page.get_by_role("button", name="开始检测").click()
    expect(page).to_have_url(re.compile(r"/data-standards/runs/\d+/$"))
    status = page.locator("#run-status")
    expect(status).to_contain_text("排队")
    expect(status).to_have_attribute("hx-trigger", "every 1s")

    run_id = int(re.search(r"/runs/(\d+)/", page.url).group(1))
    worker = threading.Thread(target=run_conformance.call, args=(run_id,))
    worker.start()
    worker.join(timeout=60)
    expect(status).to_contain_text("不符合数据标准", timeout=10_000)  # the poll brought the report
    expect(page.locator("#run-status")).not_to_have_attribute("hx-trigger", "every 1s")
    expect(page.locator("table.rules")).to_contain_text("division:codeList")
    expect(page.locator("table.pass-rates meter")).to_have_count(5)
    shoot("conformance-02-report")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("下载检测报告")).click()
    assert download.value.suggested_filename == f"conformance-run-{run_id}.xlsx"
