"""Pages of the data-standards section (数据标准): public reading, signed-in publishing and testing.

Views route only: reads come from ``queries``, writes go through ``forms`` → ``services``.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from stdhub.core.history import history
from stdhub.core.permissions import can, require, scope
from stdhub.core.text import readable

from . import queries
from .elements import data_elements
from .engine import Report
from .forms import CodeListImportForm, DataStandardForm, RunForm, VersionForm
from .models import CodeList, ConformanceRun, DataStandard, DataStandardVersion

logger = logging.getLogger(__name__)
ENTRIES_PER_PAGE = 100
RUNS_PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _form_page(request, form, *, title: str, submit: str, back_url: str, crumbs=()):
    return render(request, "conformance/form.html", {
        "form": form, "title": title, "submit": submit, "back_url": back_url, "crumbs": crumbs})


# ---------------------------------------------------------------- data standards


def standard_list(request):
    query = request.GET.get("q", "").strip()
    page = Paginator(queries.data_standards(request.user, query), 50).get_page(
        request.GET.get("page"))
    return render(request, "conformance/standard_list.html", {
        "page": page, "query": query, "can_add": can(request.user, "add", DataStandard)})


def standard_detail(request, pk: int):
    data_standard = get_object_or_404(scope(request.user, "view", DataStandard.objects
                                            .select_related("organization", "standard")), pk=pk)
    return _standard_page(request, data_standard, None)


def version_detail(request, pk: int):
    versions = scope(request.user, "view", DataStandardVersion.objects.all())
    version = get_object_or_404(versions.select_related(
        "data_standard__organization", "data_standard__standard"), pk=pk)
    return _standard_page(request, version.data_standard, version)


def _standard_page(request, data_standard: DataStandard, version: DataStandardVersion | None):
    versions = list(queries.versions_of(request.user, data_standard))
    version = version or (versions[0] if versions else None)
    runs = queries.visible_runs(request.user).filter(version__data_standard=data_standard)
    return render(request, "conformance/standard_detail.html", {
        "ds": data_standard,
        "version": version,
        "versions": versions,
        "elements": _elements(version) if version else [],
        "runs": list(runs[:10]),
        "history": history(data_standard),
        "can_publish": can(request.user, "publish", data_standard),
        "can_run": can(request.user, "add", ConformanceRun),
    })


def _elements(version: DataStandardVersion) -> list:
    """The version's data elements; none (logged) if its stored schema no longer reads,
    so that nothing stored can make its own page fail."""
    try:
        return data_elements(version.schema)
    except (ValueError, KeyError, TypeError, AttributeError):
        logger.exception("data standard version %s: schema cannot be shown", version.pk)
        return []


def version_schema(request, pk: int):
    versions = scope(request.user, "view", DataStandardVersion.objects.all())
    version = get_object_or_404(versions.select_related("data_standard"), pk=pk)
    response = HttpResponse(readable(version.schema_text),  # text itself may hold surrogates
                            content_type="application/json; charset=utf-8")
    name = f"{version.data_standard.identifier}-{version.label}.json".replace("/", "_")
    # Django quotes and encodes the name: a quote or line break in a label stays in the name.
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@login_required
def standard_create(request):
    require(request.user, "add", DataStandard)
    form = DataStandardForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid() and (version := form.save()):
        messages.success(request, _("已发布数据标准 %(name)s。") % {"name": version.data_standard})
        return redirect(version.data_standard)
    return _form_page(request, form, title=_("发布数据标准"), submit=_("发布"),
                      back_url="conformance:standards")


@login_required
def version_create(request, pk: int):
    data_standard = get_object_or_404(scope(request.user, "view", DataStandard.objects.all()),
                                      pk=pk)
    require(request.user, "publish", data_standard)
    form = VersionForm(request.POST or None, request.FILES or None, user=request.user,
                       data_standard=data_standard)
    if request.method == "POST" and form.is_valid() and (version := form.save()):
        messages.success(request, _("已发布新版本 %(label)s，旧版本仍保留。")
                         % {"label": version.label})
        return redirect(data_standard)
    return _form_page(request, form, title=_("发布新版本：%(name)s") % {"name": data_standard},
                      submit=_("发布新版本"), back_url="conformance:standards",
                      crumbs=[(data_standard.get_absolute_url(), data_standard.identifier)])


# ---------------------------------------------------------------- runs


@login_required
def run_create(request, pk: int):
    data_standard = get_object_or_404(scope(request.user, "view", DataStandard.objects.all()),
                                      pk=pk)
    require(request.user, "add", ConformanceRun)
    form = RunForm(request.POST or None, request.FILES or None, user=request.user,
                   data_standard=data_standard)
    if request.method == "POST" and form.is_valid() and (run := form.save()):
        return redirect(run)
    return _form_page(request, form, title=_("验证检测：%(name)s") % {"name": data_standard},
                      submit=_("开始检测"), back_url="conformance:standards",
                      crumbs=[(data_standard.get_absolute_url(), data_standard.identifier)])


@login_required
def run_list(request):
    require(request.user, "view", ConformanceRun)
    page = Paginator(queries.visible_runs(request.user), RUNS_PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "conformance/run_list.html", {"page": page})


def _visible_run(request, pk: int) -> ConformanceRun:
    return get_object_or_404(queries.visible_runs(request.user), pk=pk)


def _run_context(run: ConformanceRun) -> dict:
    report = queries.readable_report(run.report, run.version) if run.report else None
    return {"run": run, "report": report}


@login_required
def run_detail(request, pk: int):
    run = _visible_run(request, pk)
    return render(request, "conformance/run_detail.html", _run_context(run))


@login_required
def run_progress(request, pk: int):
    """The status block alone; the run page polls it every second until the run is done."""
    run = _visible_run(request, pk)
    return render(request, "conformance/_run_status.html", _run_context(run))


@login_required
def run_report_xlsx(request, pk: int):
    run = _visible_run(request, pk)
    if not run.report:
        raise Http404(_("检测尚未完成，没有报告。"))
    with tempfile.TemporaryDirectory(prefix="stdhub-report-") as folder:
        path = Path(folder) / "report.xlsx"
        Report.from_dict(run.report).to_xlsx(path)
        body = path.read_bytes()
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        True, f"conformance-run-{run.pk}.xlsx")
    return response


@login_required
def run_errors(request, pk: int):
    run = _visible_run(request, pk)
    if not run.errors_file or not run.errors_file.storage.exists(run.errors_file.name):
        raise Http404(_("没有错误明细文件。"))
    return FileResponse(run.errors_file.open("rb"), as_attachment=True,
                        filename=f"conformance-run-{run.pk}-errors.csv")


# ---------------------------------------------------------------- code lists


def code_list_list(request):
    return render(request, "conformance/code_list_list.html", {
        "lists": queries.code_list_catalogue(request.user),
        "can_import": can(request.user, "add", CodeList)})


def code_list_detail(request, identifier: str):
    page_data = queries.code_list_page(request.user, identifier,
                                       request.GET.get("version") or None)
    if page_data is None:
        raise Http404(_("没有这个代码表或版本。"))
    query = request.GET.get("q", "").strip()
    entries = queries.filter_entries(page_data.entries, query)
    return render(request, "conformance/code_list_detail.html", {
        "code_list": page_data,
        "query": query,
        "matched": len(entries),
        "page": Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page")),
        "can_import": (page_data.stored is not None
                       and can(request.user, "change", page_data.stored)),
    })


@login_required
def code_list_import(request):
    require(request.user, "add", CodeList)
    initial = {"identifier": request.GET.get("identifier", "")}
    form = CodeListImportForm(request.POST or None, request.FILES or None, user=request.user,
                              initial=initial)
    if request.method == "POST" and form.is_valid() and (version := form.save()):
        messages.success(request, _("已导入 %(list)s 版本 %(label)s，共 %(count)s 条代码。") % {
            "list": version.code_list.identifier, "label": version.label,
            "count": version.entry_count})
        return redirect("conformance:code-list", version.code_list.identifier)
    return _form_page(request, form, title=_("导入代码表"), submit=_("导入"),
                      back_url="conformance:code-lists")
