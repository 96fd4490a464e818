"""Programme pages: the dashboard, a target with the records that count, a task with its
progress reports. Public reads; reports and reviews by the responsible units' editors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stdhub.core.charts import bar_chart
from stdhub.core.permissions import can, scope
from stdhub.standards.choices import Level, Status
from stdhub.standards.models import Standard

from . import queries, services
from .forms import ReportForm, ReviewForm
from .models import Programme, ProgressReport
from .report_xlsx import annual_workbook

RECORDS_PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def latest(request):
    programme = Programme.objects.first()
    if programme is None:
        return render(request, "programme/none.html")
    return redirect(programme)


def dashboard(request, code):
    programme = get_object_or_404(Programme, code=code)
    data = queries.dashboard(programme)
    targets, tasks = data["targets"], data["tasks"]
    numeric = [r for r in targets if r.value is not None]
    return render(request, "programme/dashboard.html", {
        "programme": programme, "targets": targets, "tasks": tasks,
        "target_chart": bar_chart(_("目标完成情况"), [(r.target.name, float(r.value))
                                                    for r in numeric],
                                  goals=[float(r.target.goal) for r in numeric]),
        "task_chart": bar_chart(_("重点任务进展（%）"),
                                [(f"{r.task.number}. {r.task.title}", r.progress or 0)
                                 for r in tasks]),
        "levels": [(label, data["by_level"].get(value, 0)) for value, label in Level.choices],
        "statuses": [(label, data["by_status"].get(value, 0))
                     for value, label in Status.choices],
        "branches": data["by_branch"], "units": data["by_unit"], "late": data["late"],
        "late_count": sum(len(row.periods) for row in data["late"]),
    })


def target(request, code, key):
    programme = get_object_or_404(Programme, code=code)
    target = get_object_or_404(programme.targets, key=key)
    row = next(r for r in queries.target_rows(programme) if r.target.pk == target.pk)
    records = queries.counted_records(target)
    page = None
    if records is not None:
        page = Paginator(records.order_by("-issued_on", "code") if records.model is Standard
                         else records.order_by("pk"), RECORDS_PER_PAGE).get_page(
            request.GET.get("page"))
    path = queries.target_path(target)
    return render(request, "programme/target.html", {
        "programme": programme, "row": row, "page": page, "path": path,
        "standards": records is not None and records.model is Standard,
        "path_chart": bar_chart(_("逐年累计"), [(str(y), v) for y, v in path],
                                goals=[float(target.goal)] * len(path), label_width=60)
        if path else None})


def _task_page(request, programme, task, form=None, status=200):
    """A task with its units and the reports the visitor may see; the report form for the
    editors of its responsible units."""
    units = task.units.select_related("organization")
    if form is None:
        own = [u.organization_id for u in units if can(
            request.user, "add", ProgressReport(task=task, organization=u.organization))]
        form = (ReportForm(units=task.organizations.filter(pk__in=own), user=request.user)
                if own else None)
    reports = scope(request.user, "view", task.reports.select_related("organization")
                    .prefetch_related("evidence", "projects", "pilots"))
    return render(request, "programme/task.html", {
        "programme": programme, "task": task, "units": units, "form": form,
        "reports": [(r, can(request.user, "review", r)) for r in reports],
        "review_form": ReviewForm()}, status=status)


def task(request, code, number):
    programme = get_object_or_404(Programme, code=code)
    return _task_page(request, programme,
                      get_object_or_404(programme.tasks.select_related("area"), number=number))


@login_required
@require_POST
def report(request, code, number):
    programme = get_object_or_404(Programme, code=code)
    task = get_object_or_404(programme.tasks, number=number)
    form = ReportForm(request.POST, request.FILES, units=task.organizations.all(),
                      user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.submit_report(request.user, task, data["organization"],
                                   period=data["period"], text=data["text"],
                                   percent=data["percent"],
                                   evidence=[data["evidence"]] if data["evidence"] else [],
                                   projects=data["projects"], pilots=data["pilots"])
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("进展报告已提交"))
            return redirect(task)
    return _task_page(request, programme, task, form, status=400)


@login_required
@require_POST
def review(request, code, number, pk):
    programme = get_object_or_404(Programme, code=code)
    task = get_object_or_404(programme.tasks, number=number)
    report = get_object_or_404(scope(request.user, "view", task.reports.all()), pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_report(request.user, report,
                                   accept=form.cleaned_data["decision"] == "accept",
                                   response=form.cleaned_data["response"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("已处理进展报告"))
    return redirect(task)


def evidence(request, code, number, pk, file_pk):
    """An evidence file, to whoever may see its report."""
    programme = get_object_or_404(Programme, code=code)
    task = get_object_or_404(programme.tasks, number=number)
    report = get_object_or_404(scope(request.user, "view", task.reports.all()), pk=pk)
    item = get_object_or_404(scope(request.user, "view", report.evidence.all()), pk=file_pk)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


def annual(request, code, year):
    programme = get_object_or_404(Programme, code=code)
    if not programme.starts_on.year <= year <= programme.ends_on.year + 5:
        raise Http404("no such year in this programme")
    report = queries.annual_report(programme, year)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(annual_workbook(report), content_type=XLSX)
        response["Content-Disposition"] = content_disposition_header(
            True, f"{programme.title}-{year}年度报告.xlsx")
        return response
    return render(request, "programme/annual.html", {"programme": programme, "report": report,
                                                     "years": range(programme.starts_on.year,
                                                                    programme.ends_on.year + 1)})
