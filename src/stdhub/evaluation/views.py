"""Evaluation pages: campaigns for administrators, assignments and the scoring form for
evaluators, the campaign report (print and .xlsx) and the public disclosure of results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stdhub.core.errors import Conflict
from stdhub.core.permissions import can, require, scope

from . import queries, services
from .forms import (
    AssignForm,
    CampaignForm,
    DecisionForm,
    EvidenceForm,
    ReturnForm,
    ScoreForm,
    SubjectForm,
)
from .models import Assessment, Campaign, Subject
from .report_xlsx import campaign_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def public(request):
    """Results chosen for publication (公开), with the decision taken on each subject."""
    return render(request, "evaluation/public.html", {"campaigns": queries.published_results()})


@login_required
def campaigns(request):
    may_add = can(request.user, "add", Campaign)
    form = None
    if may_add:
        form = CampaignForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                campaign = services.create_campaign(request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("评价活动已创建"))
                return redirect(campaign)
    elif request.method == "POST":
        require(request.user, "add", Campaign)
    return render(request, "evaluation/campaigns.html", {
        "campaigns": scope(request.user, "view", Campaign.objects.select_related("scheme")),
        "form": form}, status=400 if form is not None and form.errors else 200)


def _campaign(request, pk) -> Campaign:
    campaign = get_object_or_404(Campaign.objects.select_related("scheme"), pk=pk)
    require(request.user, "view", campaign)
    return campaign


@login_required
def campaign(request, pk):
    return _campaign_page(request, _campaign(request, pk))


def _campaign_page(request, campaign, forms=None, status=200):
    subject_qs = scope(request.user, "view", campaign.subjects.all())
    admin = can(request.user, "add", Subject)
    forms = forms or {}
    return render(request, "evaluation/campaign.html", {
        "campaign": campaign, "results": queries.campaign_results(campaign, subject_qs),
        "manage": admin, "subject_form": forms.get("subject", SubjectForm()),
        "assign_form": forms.get("assign", AssignForm()) if admin else None,
        "blank_assign_form": AssignForm() if admin else None,
        "assign_for": forms.get("assign_for"),
        "decision_form": DecisionForm(), "return_form": ReturnForm()}, status=status)


def _refused(request, exc) -> None:
    messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError)
                   else str(exc))


@login_required
@require_POST
def add_subject(request, pk):
    campaign = _campaign(request, pk)
    form = SubjectForm(request.POST)
    if form.is_valid():
        try:
            services.add_subject(request.user, campaign, form.cleaned_data["code"].pk)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except Conflict as exc:
            _refused(request, exc)
            return redirect(campaign)
        else:
            messages.success(request, _("已加入评价对象"))
            return redirect(campaign)
    return _campaign_page(request, campaign, {"subject": form}, status=400)


def _subject(request, pk) -> Subject:
    subject = get_object_or_404(Subject.objects.select_related("campaign__scheme"), pk=pk)
    require(request.user, "view", subject.campaign)
    return subject


@login_required
@require_POST
def assign(request, pk):
    subject = _subject(request, pk)
    form = AssignForm(request.POST)
    if form.is_valid():
        try:
            services.assign(request.user, subject, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except Conflict as exc:
            _refused(request, exc)
            return redirect(subject.campaign)
        else:
            messages.success(request, _("已指派评价人"))
            return redirect(subject.campaign)
    return _campaign_page(request, subject.campaign, {"assign": form, "assign_for": subject.pk},
                          status=400)


@login_required
@require_POST
def decide(request, pk):
    subject = _subject(request, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide(request.user, subject, form.cleaned_data["outcome"],
                            form.cleaned_data["note"])
        except ValidationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("已作出评价结论"))
    else:
        messages.error(request, _("请选择结论"))
    return redirect(subject.campaign)


@login_required
@require_POST
def publish(request, pk):
    subject = _subject(request, pk)
    services.publish(request.user, subject, request.POST.get("published") == "1")
    return redirect(subject.campaign)


@login_required
@require_POST
def close(request, pk):
    campaign = _campaign(request, pk)
    services.close_campaign(request.user, campaign)
    messages.success(request, _("评价活动已结束"))
    return redirect(campaign)


@login_required
def report(request, pk):
    """The campaign report: a print-ready page, or ``?format=xlsx`` for the workbook."""
    campaign = _campaign(request, pk)
    require(request.user, "change", campaign)  # the administrators' report
    results = queries.campaign_results(campaign)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(campaign_workbook(campaign, results), content_type=XLSX)
        response["Content-Disposition"] = content_disposition_header(
            True, f"{campaign.year}-{campaign.title}-评价报告.xlsx")
        return response
    return render(request, "evaluation/report.html", {
        "campaign": campaign, "results": results,
        "tree": queries.indicator_tree(campaign.scheme.data)})


@login_required
def mine(request):
    return render(request, "evaluation/mine.html",
                  {"assessments": queries.my_assessments(request.user)})


def _assessment(request, pk) -> Assessment:
    assessment = get_object_or_404(Assessment.objects.select_related(
        "subject__campaign__scheme", "evaluator", "evaluator_org"), pk=pk)
    require(request.user, "view", assessment)
    return assessment


def _assessment_page(request, assessment, form=None, evidence_form=None, status=200):
    tree = queries.indicator_tree(assessment.subject.campaign.scheme.data)
    editable = can(request.user, "change", assessment) and not assessment.locked
    form = form or ScoreForm(initial={**assessment.values, "comment": assessment.comment},
                             tree=tree, disabled=not editable)
    runs = queries.attachable_runs(assessment)
    return render(request, "evaluation/assessment.html", {
        "assessment": assessment, "form": form, "editable": editable,
        "result": queries.assessment_row(queries.scheme_of(assessment.subject.campaign),
                                          assessment),
        "evidence": assessment.evidence.select_related("run"),
        "evidence_form": evidence_form or EvidenceForm(runs=runs),
        "may_return": can(request.user, "return", assessment) and assessment.locked,
        "return_form": ReturnForm()}, status=status)


@login_required
def assessment(request, pk):
    assessment = _assessment(request, pk)
    if request.method != "POST":
        return _assessment_page(request, assessment)
    tree = queries.indicator_tree(assessment.subject.campaign.scheme.data)
    form = ScoreForm(request.POST, tree=tree)
    if form.is_valid():
        submit = "submit" in request.POST
        try:
            services.save_scores(request.user, assessment, form.values(),
                                 form.cleaned_data["comment"], submit=submit)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except Conflict as exc:
            _refused(request, exc)
            return redirect("evaluation:assessment", assessment.pk)
        else:
            messages.success(request, _("评分已提交") if submit else _("草稿已保存"))
            return redirect("evaluation:mine" if submit else "evaluation:assessment",
                            *([] if submit else [assessment.pk]))
    return _assessment_page(request, assessment, form=form, status=400)


@login_required
@require_POST
def add_evidence(request, pk):
    assessment = _assessment(request, pk)
    form = EvidenceForm(request.POST, request.FILES,
                        runs=queries.attachable_runs(assessment))
    if form.is_valid():
        try:
            services.add_evidence(request.user, assessment, upload=form.cleaned_data["file"],
                                  run=form.cleaned_data["run"], note=form.cleaned_data["note"])
        except ValidationError as exc:
            form.add_service_errors(exc)
        except Conflict as exc:
            _refused(request, exc)
            return redirect("evaluation:assessment", assessment.pk)
        else:
            messages.success(request, _("佐证材料已添加"))
            return redirect("evaluation:assessment", assessment.pk)
    return _assessment_page(request, assessment, evidence_form=form, status=400)


@login_required
def evidence(request, pk, evidence_pk):
    assessment = _assessment(request, pk)
    item = get_object_or_404(assessment.evidence.exclude(file=""), pk=evidence_pk)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


@login_required
@require_POST
def return_assessment(request, pk):
    assessment = _assessment(request, pk)
    form = ReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("请说明退回理由"))
        services.return_assessment(request.user, assessment, form.cleaned_data["reason"])
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("评分已退回"))
    return redirect(assessment.subject.campaign)
