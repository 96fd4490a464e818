"""REST API of implementation evaluation: indicator schemes, campaigns with their results
(administrators), the caller's own assessments (score, submit) and published results."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from stdhub.core.api import PagePagination
from stdhub.core.permissions import require, scope

from . import queries, scoring, services
from .models import Assessment, Campaign, Scheme, Subject


class SchemeSerializer(serializers.ModelSerializer):
    data = serializers.JSONField(help_text=_("指标树：scoring contract 的 SCHEME JSON"))

    class Meta:
        model = Scheme
        fields = ["key", "name", "subject_kind", "source", "data"]


class CampaignSerializer(serializers.ModelSerializer):
    scheme = serializers.SlugRelatedField(slug_field="key", read_only=True)

    class Meta:
        model = Campaign
        fields = ["id", "year", "title", "scheme", "deadline", "combine", "grades", "status"]


class AssessmentResultSerializer(serializers.Serializer):
    evaluator = serializers.CharField()
    total = serializers.FloatField(allow_null=True)
    missing = serializers.ListField(child=serializers.CharField())


class SubjectResultSerializer(serializers.Serializer):
    subject = serializers.CharField()
    kind = serializers.CharField()
    object_id = serializers.IntegerField()
    total = serializers.FloatField(allow_null=True, help_text=_("综合得分; null without a "
                                                                "complete submitted assessment"))
    grade = serializers.CharField(allow_null=True)
    pending = serializers.IntegerField(help_text=_("待提交的评分 assessments not submitted"))
    published = serializers.BooleanField()
    decision = serializers.CharField(allow_null=True)
    assessments = AssessmentResultSerializer(many=True)


class CampaignResultsSerializer(serializers.Serializer):
    campaign = serializers.DictField()
    subjects = SubjectResultSerializer(many=True)


@extend_schema_view(list=extend_schema(summary="Indicator schemes (评价指标体系)"),
                    retrieve=extend_schema(summary="One indicator scheme"))
class SchemeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Scheme.objects.all()
    serializer_class = SchemeSerializer
    lookup_field = "key"
    pagination_class = PagePagination


@extend_schema_view(list=extend_schema(summary="Evaluation campaigns you take part in"),
                    retrieve=extend_schema(summary="One evaluation campaign"))
class CampaignViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                      viewsets.GenericViewSet):
    queryset = Campaign.objects.all()
    serializer_class = CampaignSerializer
    pagination_class = PagePagination

    def get_queryset(self):
        return scope(self.request.user, "view", Campaign.objects.select_related("scheme"))

    @extend_schema(summary="Results by subject (administrators): totals, grades, missing "
                           "scores, decisions", responses=CampaignResultsSerializer)
    @action(detail=True)
    def results(self, request, pk=None):
        campaign = self.get_object()
        require(request.user, "change", campaign)
        return Response(queries.plain_results(campaign))


class AssessmentSerializer(serializers.ModelSerializer):
    campaign = serializers.IntegerField(source="subject.campaign_id", read_only=True)
    subject = serializers.CharField(source="subject.label", read_only=True)
    evaluator = serializers.CharField(source="evaluator_name", read_only=True)
    values = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False,
                                   help_text=_("{indicator id: a number 0–100, a level, 是/否}"))
    total = serializers.SerializerMethodField()
    missing = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = ["id", "campaign", "subject", "evaluator", "deadline", "status", "values",
                  "comment", "submitted_at", "return_reason", "total", "missing"]
        read_only_fields = ["deadline", "status", "submitted_at", "return_reason"]

    def _row(self, obj):
        return queries.assessment_row(queries.scheme_of(obj.subject.campaign), obj)

    def get_total(self, obj) -> float | None:
        return scoring.plain(self._row(obj)["total"])

    def get_missing(self, obj) -> list[str]:
        return self._row(obj)["missing"]


@extend_schema_view(
    list=extend_schema(summary="Your assessments (评分任务)"),
    retrieve=extend_schema(summary="One of your assessments"),
    partial_update=extend_schema(summary="Save draft scores and comment"),
)
class AssessmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """The caller's own assessments; others' are not found. Submitting locks one."""

    queryset = Assessment.objects.all()
    serializer_class = AssessmentSerializer
    pagination_class = PagePagination
    http_method_names = ["get", "patch", "post", "head", "options"]

    def get_queryset(self):
        return queries.my_assessments(self.request.user)

    def perform_update(self, serializer):
        data = serializer.validated_data
        assessment = serializer.instance
        services.save_scores(self.request.user, assessment,
                             data.get("values", assessment.values), data.get("comment"))
        assessment.refresh_from_db()

    @extend_schema(summary="Submit (locks the assessment)", request=None,
                   responses=AssessmentSerializer)
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def submit(self, request, pk=None):
        assessment = self.get_object()
        services.save_scores(request.user, assessment, assessment.values, submit=True)
        assessment.refresh_from_db()
        return Response(AssessmentSerializer(assessment).data)


class PublishedResultSerializer(serializers.Serializer):
    campaign = serializers.CharField(source="subject.campaign")
    year = serializers.IntegerField(source="subject.campaign.year")
    subject = serializers.CharField(source="subject.label")
    total = serializers.FloatField(allow_null=True)
    grade = serializers.CharField(allow_null=True)
    decision = serializers.CharField(source="decision.outcome", allow_null=True, default=None)


@extend_schema_view(list=extend_schema(summary="Published evaluation results (结果公开)"))
class PublishedResultViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Results the administrators chose to publish; anyone reads them."""

    queryset = Subject.objects.all()
    serializer_class = PublishedResultSerializer
    pagination_class = PagePagination

    def get_queryset(self):
        return Subject.objects.filter(published=True).select_related(
            "campaign__scheme", "decision").order_by("-campaign__year", "campaign", "label")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        rows = [queries.subject_result(s) for s in page]
        return self.get_paginated_response(PublishedResultSerializer(rows, many=True).data)
