"""Workspace pages of the registry: list, detail with history, create and edit.

Writes go through ``forms.StandardForm`` → ``services``; views only route.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.vary import vary_on_headers

from stdhub.core.history import history
from stdhub.core.permissions import can, require

from . import listing
from .filters import StandardFilter
from .forms import StandardForm
from .models import Standard

CHECKBOX_FILTERS = ("level", "nature", "status")
# (``ordering`` key of StandardFilter or "" when the column does not sort, header)
COLUMNS = [
    ("code", gettext_lazy("标准号")), ("title", gettext_lazy("标准名称")),
    ("", gettext_lazy("层级")), ("", gettext_lazy("状态")), ("issued", gettext_lazy("发布日期")),
    ("review_due", gettext_lazy("复审到期")), ("", gettext_lazy("归口单位")),
]


def _filterset(params, user) -> StandardFilter:
    filterset = StandardFilter(params, queryset=listing.registry(user))
    for name in CHECKBOX_FILTERS:  # a handful of values reads better as ticks than a list box
        field = filterset.form.fields[name]
        field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
    return filterset


@login_required
@vary_on_headers("HX-Request")
def standard_list(request):
    query = request.GET.get("q", "").strip()
    filterset = _filterset(request.GET, request.user)
    page = listing.page_of(filterset.qs, query, request.GET.get("page"),
                           ranked=not request.GET.get("ordering"))
    export_params = request.GET.copy()
    export_params.pop("page", None)
    context = {
        "filter": filterset,
        "query": query,
        "page": page,
        # Without a keyword the registry is in code order (the model's default).
        "ordering": request.GET.get("ordering") or ("" if query else "code"),
        "columns": COLUMNS,
        "export_query": export_params.urlencode(),
        "can_add": can(request.user, "add", Standard),
    }
    template = listing.template_for(request, "standards/list.html", "standards/_list_results.html")
    return render(request, template, context)


@login_required
def standard_detail(request, pk: int):
    std = get_object_or_404(listing.with_relations(request.user), pk=pk)
    return render(request, "standards/detail.html", {
        "std": std,
        "history": history(std),
        "can_change": can(request.user, "change", std),
        "today": timezone.localdate(),
    })


@login_required
def standard_create(request):
    if not can(request.user, "add", Standard):
        raise PermissionDenied
    form = StandardForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid() and (std := form.save()):
        messages.success(request, _("已登记标准 %(code)s。") % {"code": std.code})
        return redirect("workspace:standard", std.pk)
    return render(request, "standards/form.html", {"form": form})


@login_required
def standard_edit(request, pk: int):
    std = get_object_or_404(listing.registry(request.user), pk=pk)
    require(request.user, "change", std)
    form = StandardForm(request.POST or None, user=request.user, instance=std)
    if request.method == "POST" and form.is_valid() and form.save():
        if form.changed:
            messages.success(request, _("已保存修改。"))
        else:
            messages.info(request, _("没有修改，未记录变更。"))
        return redirect("workspace:standard", std.pk)
    return render(request, "standards/form.html", {"form": form, "std": std},
                  status=409 if form.conflict else 200)
