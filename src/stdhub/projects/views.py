"""Project pages: the workspace list, detail and actions; the public comment pages.

Every action posts to its own view, which calls one service and returns to the
project page with the outcome (or every reason for a refusal) as a message.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stdhub.core.errors import Conflict
from stdhub.core.pagination import KeysFirstPaginator
from stdhub.core.permissions import can, member_orgs
from stdhub.orgs.models import Organization
from stdhub.standards.choices import Level

from . import conf, queries, services, stages
from .choices import DocumentKind, Kind, StageChoice
from .forms import (
    DispositionForm,
    MoveForm,
    ProposalForm,
    PublicCommentForm,
    ReviewForm,
    UploadForm,
    VoteForm,
)
from .models import Comment, Project, ProjectDocument
from .policies import is_insider
from .similar import similar

PER_PAGE = 50


# ---------------------------------------------------------------- workspace


@login_required
def project_list(request):
    qs = queries.filtered(request.user, request.GET)
    page = KeysFirstPaginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    queries.flag(page.object_list)
    return render(request, "projects/list.html", {
        "page": page, "stages": StageChoice.choices, "levels": Level.choices,
        "kinds": Kind.choices, "params": request.GET,
        "can_add": can(request.user, "add", Project),
    })


@login_required
def project_create(request):
    if not can(request.user, "add", Project):
        raise PermissionDenied
    form = ProposalForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid() and (project := form.save()):
        messages.success(request, _("已登记项目建议。"))
        return redirect("workspace:project", project.pk)
    title = form.data.get("title", "") if form.is_bound else ""
    return render(request, "projects/form.html", {
        "form": form, "found": similar(title, 8) if len(title.strip()) >= 2 else [],
        "title": title})


@login_required
def similar_titles(request):
    """The 查重 fragment of the proposal form: closest standards and active projects."""
    title = request.GET.get("title", "").strip()
    found = similar(title, 8) if len(title) >= 2 else []
    return render(request, "projects/_similar.html", {"found": found, "title": title})


def _visible_project(user, pk: int) -> Project:
    project = get_object_or_404(
        Project.objects.select_related("lead_org", "responsible_org", "revises", "standard"),
        pk=pk)
    if not can(user, "view", project):
        raise Http404
    return project


@dataclass(frozen=True)
class MoveStep:
    """A possible move with the form that makes it."""

    check: stages.Check
    form: MoveForm


def stage_bar(project: Project) -> list[tuple[str, str, str]]:
    """(code, name, "done" | "current" | "todo") along the main line, then 90/95 if reached."""
    line = list(stages.MAIN_LINE)
    if project.stage in (stages.Stage.REVIEW, stages.Stage.WITHDRAWAL):
        line.append(project.stage)
    at = line.index(project.stage) if project.stage in line else -1
    return [(code, stages.STAGE_NAMES[code],
             "done" if i < at else "current" if i == at else "todo")
            for i, code in enumerate(line)]


@login_required
def project_detail(request, pk: int):
    project = _visible_project(request.user, pk)
    user = request.user
    if not is_insider(user, project):  # the public may see the project, not its workings
        return redirect("projects:public", pk)
    initial = {"expected_version": project.version, "plan_number": project.plan_number}
    checks = [MoveStep(c, MoveForm(move_name=c.move.name, initial=initial))
              for c in services.available_moves(user, project)]
    summary = queries.disposition_summary(project)
    disposing = can(user, "dispose", project) and project.stage == stages.Stage.COMMITTEE
    reviews = queries.reviews_of(project)
    current = reviews[0] if reviews else None
    return render(request, "projects/detail.html", {
        "project": project,
        "bar": stage_bar(project),
        "checks": checks,
        "deadline": queries.flag([project])[0].deadline,
        "documents": project.documents.select_related("uploaded_by").order_by("kind", "-number"),
        "current_documents": services.current_documents(project),
        "upload_form": UploadForm() if can(user, "upload", project) else None,
        "summary": summary,
        "disposing": disposing,
        "disposition_form": DispositionForm(),
        "can_erase": can(user, "erase", project),
        "reviews": reviews,
        "tally": services.tally_of(current),
        "pass_rule": conf.pass_rule(),
        "review_form": (ReviewForm() if can(user, "review", project)
                        and (project.stage, project.substate) == ("40", "") else None),
        "vote_form": (VoteForm() if can(user, "vote", project)
                      and (project.stage, project.substate) == ("40", "") else None),
        "history": queries.project_history(project),
        "today": timezone.localdate(),
    })


def _attempt(request, call, success: str) -> bool:
    """Run a service call; put its outcome or every refusal reason into the messages."""
    try:
        call()
    except ValidationError as exc:
        for field, texts in (exc.message_dict.items() if hasattr(exc, "error_dict")
                             else [("", exc.messages)]):
            for text in texts:
                messages.error(request, f"{field}: {text}" if field not in ("", "to",
                                                                            "__all__") else text)
        return False
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("无权执行此操作。"))
        return False
    except Conflict as exc:
        messages.error(request, _("项目已被他人修改，请刷新后重试。") + f" ({exc})")
        return False
    messages.success(request, success)
    return True


@login_required
@require_POST
def project_move(request, pk: int):
    project = _visible_project(request.user, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(errors)}")
        return redirect("workspace:project", pk)
    name = form.cleaned_data["move"]
    label = stages.MOVES_BY_NAME[name].label if name in stages.MOVES_BY_NAME else name
    _attempt(request, lambda: services.move(
        request.user, project, name, form.cleaned_data.get("reason") or "",
        expected_version=form.cleaned_data.get("expected_version"), **form.inputs()),
        _("已完成：%(move)s") % {"move": label})
    return redirect("workspace:project", pk)


@login_required
@require_POST
def document_upload(request, pk: int):
    project = _visible_project(request.user, pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(errors)}")
    else:
        data = form.cleaned_data
        _attempt(request, lambda: services.upload_document(
            request.user, project, data["kind"], data["file"], data["note"]),
            _("已上传%(kind)s。") % {"kind": dict(DocumentKind.choices)[data["kind"]]})
    return redirect("workspace:project", pk)


@login_required
@require_POST
def comment_dispose(request, pk: int, number: int):
    project = _visible_project(request.user, pk)
    comment = get_object_or_404(Comment, project=project, number=number)
    form = DispositionForm(request.POST)
    if form.is_valid():
        _attempt(request, lambda: services.dispose(
            request.user, comment, form.cleaned_data["disposition"],
            form.cleaned_data["disposition_reason"]),
            _("已处理意见 #%(n)s。") % {"n": number})
    else:
        messages.error(request, _("请选择处理意见。"))
    return redirect(f"{project.get_absolute_url()}#comments")


@login_required
@require_POST
def comment_erase(request, pk: int, number: int):
    project = _visible_project(request.user, pk)
    comment = get_object_or_404(Comment, project=project, number=number)
    _attempt(request, lambda: services.erase_commenter(request.user, comment),
             _("已删除意见 #%(n)s 的个人信息。") % {"n": number})
    return redirect(f"{project.get_absolute_url()}#comments")


@login_required
@require_POST
def review_open(request, pk: int):
    project = _visible_project(request.user, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _attempt(request, lambda: services.open_review(
            request.user, project, experts=data["experts"], mode=data["mode"],
            held_on=data["held_on"]), _("已组织审查。"))
    else:
        messages.error(request, _("请选择审查专家。"))
    return redirect(f"{project.get_absolute_url()}#review")


@login_required
@require_POST
def review_vote(request, pk: int):
    project = _visible_project(request.user, pk)
    form = VoteForm(request.POST)
    if form.is_valid():
        _attempt(request, lambda: services.cast_vote(
            request.user, project, form.cleaned_data["position"], form.cleaned_data["comment"]),
            _("已记录您的表决。"))
    else:
        messages.error(request, _("请选择表决意见。"))
    return redirect(f"{project.get_absolute_url()}#review")


@login_required
def periodic_reviews(request):
    """复审: standards due for review, each with its conclusion form."""
    if request.method == "POST":
        standard_id = request.POST.get("standard", "")
        if not standard_id.isdigit():
            raise Http404("no such standard")
        std = get_object_or_404(queries.reviews_due(request.user), pk=int(standard_id))
        conclusion = request.POST.get("conclusion", "")
        outcome = {}

        def conclude():
            outcome["project"] = services.conclude_periodic_review(
                request.user, std, conclusion, request.POST.get("reason", ""))

        label = services.CONCLUSIONS.get(conclusion, conclusion)
        if _attempt(request, conclude, _("%(code)s 复审结论：%(c)s") % {"code": std.code,
                                                                     "c": label}):
            if outcome.get("project"):
                return redirect("workspace:project", outcome["project"].pk)
        return redirect("workspace:periodic-reviews")
    due = list(queries.reviews_due(request.user)[:200])
    return render(request, "projects/periodic_reviews.html", {
        "due": due, "today": timezone.localdate(), "conclusions": services.CONCLUSIONS})


# ---------------------------------------------------------------- public


def document_download(request, pk: int):
    """A document version, to whoever may see it; stored under a generated name."""
    document = get_object_or_404(ProjectDocument.objects.select_related("project"), pk=pk)
    if not can(request.user, "view", document):
        raise Http404
    return FileResponse(document.file.open("rb"), as_attachment=True,
                        filename=document.original_name)


def comment_periods(request):
    projects = queries.flag(list(queries.open_comment_periods()))
    return render(request, "projects/comment_periods.html", {
        "projects": projects, "today": timezone.localdate()})


def _rate_limited(request) -> bool:
    """True when this address has sent too many public comments lately (Django's cache)."""
    limit, seconds = conf.get("COMMENT_RATE_LIMIT")
    address = request.META.get("REMOTE_ADDR", "")
    key = f"stdhub:projects:comments:{address}"
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired in between
        cache.set(key, 1, seconds)
        count = 1
    return count > limit


def public_project(request, pk: int):
    """A project as the public sees it, with the comment form while the period is open."""
    project = get_object_or_404(Project.objects.select_related("lead_org", "responsible_org"),
                                pk=pk)
    if not can(request.user, "view", project):
        raise Http404
    member_org_ids = member_orgs(request.user)
    as_org = Organization.objects.filter(pk__in=member_org_ids).order_by("name").first()
    open_ = can(request.user, "comment", project)
    form = PublicCommentForm(request.POST or None, as_member=as_org is not None)
    if request.method == "POST" and open_:
        if form.is_spam():
            messages.success(request, _("意见已提交，感谢参与。"))  # say nothing to a bot
            return redirect("projects:public", pk)
        if _rate_limited(request):
            messages.error(request, _("提交过于频繁，请稍后再试。"))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                comment = services.submit_comment(request.user, project, data,
                                                  organization=as_org)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("意见已提交（编号 #%(n)s），感谢参与。")
                                 % {"n": comment.number})
                return redirect("projects:public", pk)
    documents = [d for d in services.current_documents(project).values()
                 if can(request.user, "view", d)]
    return render(request, "projects/public.html", {
        "project": project, "form": form, "open": open_, "as_org": as_org,
        "documents": documents, "today": timezone.localdate(),
    })


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, texts in exc.message_dict.items():
            for text in texts:
                form.add_error(field if field in form.fields else None, text)
    else:
        for text in exc.messages:
            form.add_error(None, text)


