"""Committee pages: the list, establishing one (administrators), and the detail page with
members and terms, standards and projects under it, and international participation; the
secretariat keeps the last three from the same page.

Each action posts to its own view, which calls one service; a refused form comes back on
the detail page with its errors (status 400), a success returns there with a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stdhub.core.history import history
from stdhub.core.permissions import can

from . import queries, services
from .choices import Level, Status
from .forms import (
    CommitteeForm,
    DissolveForm,
    EndTermForm,
    MemberForm,
    ParticipationForm,
    StandardLinkForm,
)
from .models import Committee

PER_PAGE = 50


def committee_list(request):
    page = Paginator(queries.filtered(request.user, request.GET), PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "committees/list.html", {
        "page": page, "levels": Level.choices, "statuses": Status.choices,
        "params": request.GET, "can_add": can(request.user, "add", Committee)})


@login_required
def committee_create(request):
    if not can(request.user, "add", Committee):
        raise PermissionDenied
    form = CommitteeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            committee = services.establish(request.user, form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已登记技术委员会。"))
            return redirect(committee)
    return render(request, "committees/form.html", {"form": form})


def _detail(request, committee: Committee, status: int = 200, **forms):
    manage = can(request.user, "manage", committee)
    current, others = queries.members(committee)
    return render(request, "committees/detail.html", {
        "committee": committee, "current": current, "others": others,
        "standards": committee.standard_links.select_related("standard"),
        "projects": queries.projects_of(request.user, committee)[:100],
        "participations": committee.participations.select_related("organization"),
        "manage": manage,
        "member_form": forms.get("member_form") or (MemberForm() if manage else None),
        "standard_form": forms.get("standard_form") or (StandardLinkForm() if manage else None),
        "participation_form": forms.get("participation_form")
        or (ParticipationForm() if manage else None),
        "dissolve_form": (forms.get("dissolve_form") or DissolveForm())
        if can(request.user, "dissolve", committee) and committee.status == Status.ACTIVE
        else None,
        "history": history(committee)}, status=status)


def committee_detail(request, pk: int):
    return _detail(request, get_object_or_404(Committee.objects.select_related("secretariat"),
                                              pk=pk))


def _submit(request, pk: int, form_class, key: str, call, success: str):
    """Validate ``form_class`` from the POST and run ``call(committee, cleaned_data)``."""
    committee = get_object_or_404(Committee, pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(committee, form.cleaned_data)
        except ValidationError as exc:
            if hasattr(form, "add_service_errors"):
                form.add_service_errors(exc)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, success)
            return redirect(committee)
    return _detail(request, committee, 400, **{key: form})


@login_required
@require_POST
def committee_dissolve(request, pk: int):
    return _submit(request, pk, DissolveForm, "dissolve_form",
                   lambda c, d: services.dissolve(request.user, c, d["reason"]),
                   _("已撤销技术委员会。"))


@login_required
@require_POST
def member_add(request, pk: int):
    return _submit(request, pk, MemberForm, "member_form",
                   lambda c, d: services.appoint(request.user, c, d), _("已添加委员。"))


@login_required
@require_POST
def member_end(request, pk: int, member: int):
    def end(committee, data):
        services.end_term(request.user, get_object_or_404(committee.members, pk=member),
                          data["on"])

    return _submit(request, pk, EndTermForm, "end_form", end, _("已结束任期。"))


@login_required
@require_POST
def standard_link(request, pk: int):
    return _submit(request, pk, StandardLinkForm, "standard_form",
                   lambda c, d: services.link_standard(request.user, c, d["code"]),
                   _("已添加归口标准。"))


@login_required
@require_POST
def standard_unlink(request, pk: int, link: int):
    committee = get_object_or_404(Committee, pk=pk)
    services.unlink_standard(request.user, get_object_or_404(committee.standard_links, pk=link))
    messages.success(request, _("已移出归口标准。"))
    return redirect(committee)


@login_required
@require_POST
def participation_add(request, pk: int):
    return _submit(request, pk, ParticipationForm, "participation_form",
                   lambda c, d: services.add_participation(request.user, c, d),
                   _("已登记国际标准化参与。"))


@login_required
@require_POST
def participation_remove(request, pk: int, item: int):
    committee = get_object_or_404(Committee, pk=pk)
    services.remove_participation(request.user,
                                  get_object_or_404(committee.participations, pk=item))
    messages.success(request, _("已删除。"))
    return redirect(committee)
