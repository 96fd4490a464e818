"""REST API of programmes: targets with their live values, tasks with their units and
progress, and progress reports (submitted by responsible units, reviewed by the lead)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from stdhub.core.api import PagePagination
from stdhub.core.permissions import scope

from . import queries, services
from .models import Programme, ProgressReport, Task


class TargetStatusSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    goal = serializers.FloatField()
    value = serializers.FloatField(allow_null=True, help_text=_("当前值 computed live"))
    status = serializers.CharField(help_text="met | on-track | behind | missed | no-data")
    due = serializers.DateField()


class TaskStatusSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    lead = serializers.CharField(help_text=_("牵头单位 as the programme writes it"))
    co = serializers.ListField(child=serializers.CharField(), help_text=_("配合单位"))
    lead_organization = serializers.CharField(allow_null=True)
    progress = serializers.IntegerField(allow_null=True)


class ProgrammeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = ["code", "title", "issued_by", "issued_on", "starts_on", "ends_on", "goal",
                  "source"]


class ProgrammeStatusSerializer(serializers.Serializer):
    programme = serializers.CharField()
    code = serializers.CharField()
    source = serializers.CharField()
    targets = TargetStatusSerializer(many=True)
    tasks = TaskStatusSerializer(many=True)


@extend_schema_view(
    list=extend_schema(summary="List programmes (规划方案)"),
    retrieve=extend_schema(summary="One programme"),
)
class ProgrammeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       viewsets.GenericViewSet):
    """Programmes; anyone reads them."""

    queryset = Programme.objects.all()
    serializer_class = ProgrammeSerializer
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    pagination_class = PagePagination

    @extend_schema(summary="Targets with live values and tasks with progress (目标与任务)",
                   responses=ProgrammeStatusSerializer)
    @action(detail=True)
    def status(self, request, code=None):
        return Response(queries.status(self.get_object()))


class ReportSerializer(serializers.ModelSerializer):
    task = serializers.PrimaryKeyRelatedField(queryset=Task.objects.all())
    percent = serializers.IntegerField(help_text=_("完成比例 0–100"))  # the service checks it

    class Meta:
        model = ProgressReport
        fields = ["id", "task", "organization", "period", "percent", "text", "projects",
                  "pilots", "status", "response", "submitted_at", "reviewed_at"]
        read_only_fields = ["status", "response", "submitted_at", "reviewed_at"]
        validators = []  # the service checks every rule, uniqueness included


class ReviewSerializer(serializers.Serializer):
    accept = serializers.BooleanField()
    response = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_view(
    list=extend_schema(summary="Progress reports you may see (进展报告)"),
    retrieve=extend_schema(summary="One progress report"),
    create=extend_schema(summary="Report progress on your unit's task"),
)
class ReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                    mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Progress reports: accepted ones are public; a unit's editors see and submit their own,
    the lead unit's editors review them."""

    serializer_class = ReportSerializer
    pagination_class = PagePagination
    queryset = ProgressReport.objects.all()

    def get_queryset(self):
        return scope(self.request.user, "view",
                     ProgressReport.objects.select_related("task").order_by("pk"))

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.submit_report(
            self.request.user, data["task"], data["organization"], period=data["period"],
            text=data["text"], percent=data["percent"], projects=data.get("projects", []),
            pilots=data.get("pilots", []))

    @extend_schema(summary="Accept or return a report (lead unit)", request=ReviewSerializer,
                   responses=ReportSerializer)
    # The service asks the policy's "review" (the lead unit), not "add" as a POST would.
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def review(self, request, pk=None):
        report = self.get_object()
        body = ReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.review_report(request.user, report, accept=body.validated_data["accept"],
                               response=body.validated_data["response"])
        return Response(ReportSerializer(report).data)
