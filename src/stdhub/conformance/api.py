"""REST API of data standards, code lists and conformance runs (under /api/v1/conformance/).

Reads of data standards and code lists are public; publishing (token auth) and
runs go through the same services as the pages, so a refusal or a malformed
schema answers 4xx with the same reasons.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from stdhub.core.api import PagePagination, PageURLField, StaffOnlyFieldsMixin, query_text
from stdhub.core.api import validated as _valid
from stdhub.core.parsers import unstorable
from stdhub.core.permissions import scope
from stdhub.core.throttling import AnonymousReadThrottle
from stdhub.orgs.api import OrganizationRefSerializer
from stdhub.orgs.models import Organization
from stdhub.standards.models import Standard
from stdhub.standards.queries import standard_by_code

from . import queries, services
from .elements import data_elements
from .models import ConformanceRun, DataStandard, DataStandardVersion

# ---------------------------------------------------------------- output


class VersionSerializer(StaffOnlyFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-conformance-version-detail")
    html_url = PageURLField()
    published_by = serializers.StringRelatedField()

    staff_only_fields = ("published_by",)  # the portal names the organization, not the person

    class Meta:
        model = DataStandardVersion
        fields = ["id", "url", "html_url", "label", "notes", "published_at", "published_by"]


class VersionDetailSerializer(VersionSerializer):
    data_standard = serializers.HyperlinkedRelatedField(
        view_name="api-conformance-standard-detail", read_only=True)
    elements = serializers.SerializerMethodField(help_text=_("数据元 data element table"))

    class Meta(VersionSerializer.Meta):
        fields = VersionSerializer.Meta.fields + ["data_standard", "schema", "elements"]

    def get_elements(self, version) -> list[dict]:
        return [e.to_dict() for e in data_elements(version.schema)]


class DataStandardSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-conformance-standard-detail")
    html_url = PageURLField()
    organization = OrganizationRefSerializer(read_only=True)
    standard = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = DataStandard
        fields = ["id", "url", "html_url", "identifier", "title", "standard", "organization",
                  "description", "created_at"]


class DataStandardDetailSerializer(DataStandardSerializer):
    versions = serializers.SerializerMethodField()
    latest_version = serializers.SerializerMethodField()

    class Meta(DataStandardSerializer.Meta):
        fields = DataStandardSerializer.Meta.fields + ["versions", "latest_version"]

    def get_versions(self, data_standard) -> list[dict]:
        return VersionSerializer(queries.versions_of(self.context["request"].user, data_standard),
                                 many=True,
                                 context=self.context).data

    def get_latest_version(self, data_standard) -> dict | None:
        latest = data_standard.latest_version
        return VersionDetailSerializer(latest, context=self.context).data if latest else None


class RunSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-conformance-run-detail")
    # Plain text, not an enum: "status" is already the registry's enum in the schema.
    status = serializers.CharField(read_only=True, help_text=_(
        "状态 queued | running | passed | failed | error"))
    html_url = PageURLField()
    data_standard = serializers.CharField(source="version.data_standard.identifier")
    version = VersionSerializer(read_only=True)
    organization = OrganizationRefSerializer(read_only=True)
    run_by = serializers.StringRelatedField()
    percent = serializers.IntegerField(read_only=True, allow_null=True)
    report_xlsx_url = serializers.SerializerMethodField()
    errors_url = serializers.SerializerMethodField()

    class Meta:
        model = ConformanceRun
        fields = ["id", "url", "html_url", "data_standard", "version", "organization", "run_by",
                  "dataset_name", "dataset_size", "encoding", "status", "rows_done", "rows_total",
                  "percent", "message", "created_at", "started_at", "finished_at", "report",
                  "report_xlsx_url", "errors_url"]

    def _absolute(self, name: str, run) -> str:
        return self.context["request"].build_absolute_uri(reverse(name, args=[run.pk]))

    def get_report_xlsx_url(self, run) -> str | None:
        return self._absolute("conformance:run-report-xlsx", run) if run.report else None

    def get_errors_url(self, run) -> str | None:
        return self._absolute("conformance:run-errors", run) if run.errors_file else None


class CodeListSummarySerializer(serializers.Serializer):
    identifier = serializers.CharField()
    title = serializers.CharField()
    versions = serializers.ListField(child=serializers.CharField(), help_text=_("newest first"))
    entries = serializers.IntegerField(help_text=_("代码数 codes in the newest version"))
    builtin = serializers.BooleanField(help_text=_("内置 shipped with stdhub"))
    organization = serializers.CharField(allow_null=True)
    url = serializers.SerializerMethodField()

    def get_url(self, summary) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("api-conformance-code-list-detail", args=[summary.identifier]))

    def to_representation(self, summary):
        data = super().to_representation(summary)
        data["organization"] = data["organization"] or None
        return data


class CodeSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    parent = serializers.CharField(allow_null=True)


class CodeListDetailSerializer(serializers.Serializer):
    """A code list version with one page of its (matching) entries."""

    identifier = serializers.CharField()
    title = serializers.CharField()
    version = serializers.CharField()
    versions = serializers.ListField(child=serializers.CharField())
    builtin = serializers.BooleanField()
    count = serializers.IntegerField(help_text=_("matching entries"))
    next = serializers.URLField(allow_null=True, help_text=_("下一页 next page of entries"))
    previous = serializers.URLField(allow_null=True, help_text=_("上一页 previous page"))
    entries = CodeSerializer(many=True, help_text=_("本页代码 this page's entries"))


# ---------------------------------------------------------------- input


class SchemaField(serializers.JSONField):
    """The Table Schema as a JSON object (or its text); the engine checks it."""


class VersionInputSerializer(serializers.Serializer):
    version_label = serializers.CharField(help_text=_("版本 version label, e.g. 1.1"))
    schema = SchemaField(help_text=_("数据结构 Table Schema JSON"))
    notes = serializers.CharField(required=False, allow_blank=True, default="",
                                  help_text=_("版本说明 release notes"))


class DataStandardInputSerializer(VersionInputSerializer):
    identifier = serializers.CharField(help_text=_("标识 identifier, e.g. zj/legal-entity"))
    title = serializers.CharField(help_text=_("名称 title"))
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), help_text=_("发布单位 publishing organization id"))
    standard = serializers.CharField(required=False, allow_blank=True, default="",
                                     help_text=_("对应标准 code of the implemented standard"))
    description = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_standard(self, value: str) -> Standard | None:
        if not value.strip():
            return None
        standard = standard_by_code(value)
        if standard is None:
            raise serializers.ValidationError(_("标准库中没有此标准 no standard with this code"))
        return standard


class RunInputSerializer(serializers.Serializer):
    version = serializers.PrimaryKeyRelatedField(
        queryset=DataStandardVersion.objects.all(), help_text=_("数据标准版本 version id"))
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), help_text=_("受检单位 organization id"))
    dataset = serializers.FileField(help_text=_("数据文件 CSV, .xlsx or Parquet"))
    encoding = serializers.CharField(required=False, allow_blank=True, default="",
                                     help_text=_("CSV 编码 e.g. gbk; detected when empty"))


# ---------------------------------------------------------------- views


@extend_schema_view(
    list=extend_schema(summary="List data standards (数据标准)", parameters=[
        OpenApiParameter("q", str, description=_("标识、名称或标准号 identifier, title or code"))]),
    retrieve=extend_schema(summary="One data standard with its versions and data elements"),
    create=extend_schema(summary="Publish a data standard with its first version (发布数据标准)",
                         request=DataStandardInputSerializer,
                         responses={201: DataStandardDetailSerializer}),
)
class DataStandardViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                          viewsets.GenericViewSet):
    pagination_class = PagePagination
    filter_backends = []

    def get_queryset(self):
        return queries.data_standards(self.request.user, query_text(self.request, "q"))

    def get_serializer_class(self):
        return DataStandardSerializer if self.action == "list" else DataStandardDetailSerializer

    def create(self, request, *args, **kwargs):
        values = _valid(DataStandardInputSerializer, request.data)
        version = services.publish_data_standard(request.user, **values)
        data = DataStandardDetailSerializer(version.data_standard,
                                            context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})

    @extend_schema(summary="Publish a new version (发布新版本); earlier versions stay",
                   request=VersionInputSerializer,
                   responses={201: VersionDetailSerializer})
    @action(detail=True, methods=["post"])
    def versions(self, request, pk=None):
        data_standard = get_object_or_404(scope(request.user, "view", DataStandard.objects.all()),
                                          pk=pk)
        values = _valid(VersionInputSerializer, request.data)
        version = services.publish_version(request.user, data_standard, **values)
        data = VersionDetailSerializer(version, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})


@extend_schema_view(retrieve=extend_schema(
    summary="One version of a data standard: its schema and data element table"))
class VersionViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = VersionDetailSerializer

    def get_queryset(self):
        return scope(self.request.user, "view", DataStandardVersion.objects.select_related(
            "data_standard", "published_by"))


@extend_schema_view(
    list=extend_schema(summary="Conformance runs visible to you (检测记录)"),
    retrieve=extend_schema(summary="A run's status, progress and report (检测状态与报告)"),
    create=extend_schema(summary="Upload a dataset and start a test (上传数据开始检测)",
                         request={"multipart/form-data": RunInputSerializer},
                         responses={202: RunSerializer}),
)
class RunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                 viewsets.GenericViewSet):
    serializer_class = RunSerializer
    pagination_class = PagePagination
    filter_backends = []

    def get_queryset(self):
        return queries.visible_runs(self.request.user)

    def create(self, request, *args, **kwargs):
        values = _valid(RunInputSerializer, request.data)
        run = services.start_run(request.user, version=values["version"],
                                 organization=values["organization"],
                                 upload=values["dataset"], encoding=values["encoding"])
        data = RunSerializer(run, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]})


@extend_schema_view(
    list=extend_schema(summary="Code lists, built-in and imported (代码表)",
                       responses=CodeListSummarySerializer(many=True)),
    retrieve=extend_schema(
        summary="One code list version with its entries", responses=CodeListDetailSerializer,
        parameters=[
            OpenApiParameter("id", str, OpenApiParameter.PATH,
                             description=_("标识 identifier, e.g. GB/T 2260")),
            OpenApiParameter("version", str, description=_("版本 version; newest when omitted")),
            OpenApiParameter("q", str, description=_("代码前缀或名称 code prefix or name")),
            OpenApiParameter("page", int, description=_("页码 page of entries")),
            OpenApiParameter("page_size", int, description=_("每页代码数 entries a page"))]),
)
class CodeListViewSet(viewsets.ViewSet):
    """Looked up by identifier, which may contain slashes and dots (``GB/T 2261.1``).
    Entries come a page at a time: a list may hold hundreds of thousands."""

    lookup_value_regex = ".+"
    pagination_class = PagePagination
    throttle_classes = [AnonymousReadThrottle]  # a version's entries are read whole

    def list(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_list(request, queries.code_list_catalogue(request.user))
        return paginator.get_paginated_response(CodeListSummarySerializer(
            page, many=True, context={"request": request}).data)

    def retrieve(self, request, pk=None):
        version = query_text(request, "version") or None
        page = None if unstorable(pk) else queries.code_list_page(request.user, pk, version)
        if page is None:
            raise Http404(_("没有这个代码表或版本 no such code list or version"))
        entries = queries.filter_entries(page.entries, query_text(request, "q"))
        paginator = self.pagination_class()
        shown = paginator.paginate_list(request, entries)
        return Response(CodeListDetailSerializer({
            "identifier": page.identifier, "title": page.title, "version": page.version,
            "versions": page.versions, "builtin": page.builtin, **paginator.page_links(),
            "entries": [{"code": c, "name": n, "parent": p or None} for c, n, p in shown],
        }).data)
