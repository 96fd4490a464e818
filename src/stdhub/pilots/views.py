"""Pilot pages: the scoped list, the application form, the detail page with its stage bar,
what each move still needs, the move forms and the documents.

Every action posts to its own view, which calls one service and returns to the pilot page
with the outcome (or every reason for a refusal) as a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stdhub.core.errors import Conflict
from stdhub.core.history import history
from stdhub.core.permissions import can, scope

from . import queries, services, stages
from .choices import DocumentKind, Level, StageChoice
from .forms import MoveForm, PilotForm, UploadForm
from .models import Pilot, PilotDocument
from .policies import is_insider

PER_PAGE = 50


def pilot_list(request):
    page = Paginator(queries.filtered(request.user, request.GET), PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "pilots/list.html", {
        "page": page, "stages": StageChoice.choices, "levels": Level.choices,
        "params": request.GET, "can_add": can(request.user, "add", Pilot)})


@login_required
def pilot_create(request):
    if not can(request.user, "add", Pilot):
        raise PermissionDenied
    form = PilotForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid() and (pilot := form.save()):
        messages.success(request, _("已提交试点申报。"))
        return redirect(pilot)
    return render(request, "pilots/form.html", {"form": form})


def _visible(user, pk: int) -> Pilot:
    pilot = get_object_or_404(Pilot.objects.select_related("undertaker", "supervisor", "task"),
                              pk=pk)
    if not can(user, "view", pilot):
        raise Http404
    return pilot


def pilot_detail(request, pk: int):
    pilot = _visible(request.user, pk)
    user = request.user
    insider = is_insider(user, pilot)
    initial = {"expected_version": pilot.version}
    checks = ([(c, MoveForm(initial={**initial, "move": c.move.name}))
               for c in services.available_moves(user, pilot)] if insider else [])
    return render(request, "pilots/detail.html", {
        "pilot": pilot, "bar": stages.bar(pilot.stage, pilot.result), "checks": checks,
        "insider": insider,
        "documents": (scope(user, "view", pilot.documents.select_related("uploaded_by"))
                      if insider else []),
        "upload_form": UploadForm() if can(user, "upload", pilot) and pilot.stage
        in stages.OPEN else None,
        "history": history(pilot)})


def _attempt(request, call, success: str) -> None:
    """Run a service call; put its outcome or every refusal reason into the messages."""
    try:
        call()
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    except (PermissionDenied, Conflict) as exc:
        messages.error(request, str(exc) or _("无权执行此操作。"))
    else:
        messages.success(request, success)


@login_required
@require_POST
def pilot_move(request, pk: int):
    pilot = _visible(request.user, pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        name = form.cleaned_data["move"]
        label = stages.MOVES_BY_NAME[name].label if name in stages.MOVES_BY_NAME else name
        _attempt(request, lambda: services.move(
            request.user, pilot, name, form.cleaned_data["reason"],
            expected_version=form.cleaned_data["expected_version"]),
            _("已完成：%(move)s") % {"move": label})
    else:
        messages.error(request, _("请求不完整。"))
    return redirect(pilot)


@login_required
@require_POST
def document_upload(request, pk: int):
    pilot = _visible(request.user, pk)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        _attempt(request, lambda: services.upload_document(request.user, pilot, data["kind"],
                                                           data["file"]),
                 _("已上传%(kind)s。") % {"kind": dict(DocumentKind.choices)[data["kind"]]})
    else:
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(errors)}")
    return redirect(pilot)


@login_required
def document_download(request, pk: int):
    document = get_object_or_404(PilotDocument.objects.select_related("pilot"), pk=pk)
    if not can(request.user, "view", document):
        raise Http404
    return FileResponse(document.file.open("rb"), as_attachment=True,
                        filename=document.original_name)
