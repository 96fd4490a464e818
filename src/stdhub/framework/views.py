"""Standard-system pages: the tree with coverage and gaps, the structure diagram, the detail
and statistics tables (print-ready, and as one .xlsx), nodes with entries and demands."""

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stdhub.core.permissions import can, scope
from stdhub.core.uploads import check_upload

from . import queries, services, tree
from .forms import DemandForm, EntryForm, ImportForm, NodeForm
from .models import Entry, Framework, Node
from .workbook import export_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DEMANDS_PER_HOUR = 10  # per client address, for anonymous visitors


def framework_list(request):
    return render(request, "framework/list.html", {"frameworks": Framework.objects.all()})


TREE_DEPTH = 2  # levels the framework page lists unless all are asked for
DETAIL_ROWS_PER_PAGE = GAPS_PER_PAGE = 100


def _tree(framework, depth: int | None = None):
    """Nodes in tree order (down to ``depth`` levels) with their coverage."""
    cover = queries.coverage(framework)
    nodes = framework.nodes.order_by("sort_key")
    if depth:
        nodes = nodes.filter(depth__lte=depth)
    return [(node, cover[node.code]) for node in nodes]


def _detail_page(request, framework, *, node_form=None, import_form=None, import_errors=(),
                 status=200):
    every_level = request.GET.get("levels") == "all"
    return render(request, "framework/detail.html", {
        "framework": framework, "every_level": every_level,
        "tree": _tree(framework, None if every_level else TREE_DEPTH),
        "deeper": not every_level and framework.nodes.filter(depth__gt=TREE_DEPTH).exists(),
        "diagram": queries.diagram(framework),
        "can_build": can(request.user, "change", framework),
        "node_form": node_form or NodeForm(), "import_form": import_form or ImportForm(),
        "import_errors": import_errors}, status=status)


def detail(request, code):
    return _detail_page(request, get_object_or_404(Framework, code=code))


def tables(request, code):
    """The detail table a page at a time (the workbook has it whole) and the statistics."""
    framework = get_object_or_404(Framework, code=code)
    columns = queries.columns_of(framework)
    total = queries.entry_count(framework)
    page = Paginator(range(total), DETAIL_ROWS_PER_PAGE).get_page(request.GET.get("page"))
    rows = queries.detail_rows(framework, page.start_index() - 1 if total else 0,
                               page.end_index())
    return render(request, "framework/tables.html", {
        "framework": framework, "page": page,
        "headings": [queries.DETAIL_COLUMNS[c] for c in columns], "columns": columns,
        "rows": [[row[c] for c in columns] for row in rows],
        "statistics": queries.statistics(framework)})


def gaps(request, code):
    framework = get_object_or_404(Framework, code=code)
    cover = queries.coverage(framework)
    gap_codes = sorted((c for c, cov in cover.items() if cov.gap), key=tree.sort_key)
    page = Paginator(gap_codes, GAPS_PER_PAGE).get_page(request.GET.get("page"))
    nodes = {n.code: n for n in framework.nodes.filter(code__in=page.object_list)}
    return render(request, "framework/gaps.html", {
        "framework": framework, "page": page, "total": len(gap_codes),
        "gaps": [(nodes[c], cover[c]) for c in page.object_list]})


def export(request, code):
    framework = get_object_or_404(Framework, code=code)
    response = HttpResponse(export_workbook(framework), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        True, f"{framework.title}-标准体系表.xlsx")
    return response


def structure_svg(request, code):
    framework = get_object_or_404(Framework, code=code)
    response = render(request, "framework/structure.svg",
                      {"framework": framework, "diagram": queries.diagram(framework)},
                      content_type="image/svg+xml")
    response["Content-Disposition"] = content_disposition_header(
        True, f"{framework.title}-结构图.svg")
    return response


def _node_page(request, node, *, entry_form=None, demand_form=None, status=200):
    framework = node.framework
    may_build = can(request.user, "add", Entry(node=node))
    return render(request, "framework/node.html", {
        "framework": framework, "node": node,
        "entries": queries.entries_of(framework).filter(node=node),
        "children": node.children.order_by("sort_key"),
        "entry_form": entry_form or (EntryForm(types=framework.standard_types)
                                     if may_build else None),
        "demand_form": demand_form or DemandForm(),
        "demands": scope(request.user, "view", node.demands.all()),
        "can_build": may_build}, status=status)


def _node(code, node_code) -> Node:
    return get_object_or_404(Node.objects.select_related("framework"),
                             framework__code=code, code=node_code)


def node(request, code, node_code):
    return _node_page(request, _node(code, node_code))


@require_POST
def add_node(request, code):
    framework = get_object_or_404(Framework, code=code)
    form = NodeForm(request.POST)
    if form.is_valid():
        try:
            services.add_node(request.user, framework, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已添加体系节点"))
            return redirect(framework)
    return _detail_page(request, framework, node_form=form, status=400)


@require_POST
def add_entry(request, code, node_code):
    node = _node(code, node_code)
    form = EntryForm(request.POST, types=node.framework.standard_types)
    if form.is_valid():
        try:
            services.add_entry(request.user, node, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已添加体系明细"))
            return redirect(node)
    return _node_page(request, node, entry_form=form, status=400)


@require_POST
def submit_demand(request, code, node_code):
    node = _node(code, node_code)
    form = DemandForm(request.POST)
    if form.is_valid() and not form.cleaned_data["website"]:
        if not request.user.is_authenticated and _too_many(request):
            messages.error(request, _("提交过于频繁，请稍后再试"))
            return _node_page(request, node, demand_form=form, status=429)
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        try:
            services.submit_demand(request.user, node, **data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("感谢您提出标准需求，我们会尽快处理"))
            return redirect(node)
    elif form.is_valid():  # the hidden field was filled: a bot
        return _node_page(request, node, demand_form=DemandForm(), status=400)
    return _node_page(request, node, demand_form=form, status=400)


def _too_many(request) -> bool:
    key = f"framework-demands:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) > DEMANDS_PER_HOUR


@require_POST
def review_demand(request, code, node_code, pk):
    node = _node(code, node_code)
    demand = get_object_or_404(scope(request.user, "view", node.demands.all()), pk=pk)
    try:
        services.review_demand(request.user, demand,
                               accept=request.POST.get("decision") == "accept",
                               response=request.POST.get("response", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(node)


@require_POST
def import_workbook(request, code):
    framework = get_object_or_404(Framework, code=code)
    form = ImportForm(request.POST, request.FILES)
    errors = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_upload(upload, kind="imports", suffixes={".xlsx"})
            nodes, entries = services.import_workbook(request.user, framework, upload.read())
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("已导入 %(nodes)s 个节点、%(entries)s 条明细")
                             % {"nodes": nodes, "entries": entries})
            return redirect(framework)
    return _detail_page(request, framework, import_form=form, import_errors=errors, status=400)

