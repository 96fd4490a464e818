"""REST API for the standard registry and its classifications (ICS, CCS).

Reads are public. Writes take the same plain values as the forms and the
importer and go through ``create_standard``/``update_standard``, so the API
checks nothing the services do not.
"""

import functools

import django_filters
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from stdhub.core.api import (
    EventSerializer,
    PagePagination,
    PageURLField,
    query_text,
)
from stdhub.core.events import events_of
from stdhub.core.pagination import without_needless_distinct
from stdhub.core.permissions import scope
from stdhub.core.preconditions import (
    ETAG,
    IF_MATCH,
    VersionedViewMixin,
    version_field,
)
from stdhub.core.throttling import AnonymousReadThrottle
from stdhub.orgs.api import OrganizationRefSerializer
from stdhub.orgs.models import Organization

from .filters import StandardFilter
from .models import CCSClass, ICSClass, Standard
from .queries import canonical_code, standard_by_code
from .services import create_standard, editable_values, update_standard
from .text_search import search_standards

# ---------------------------------------------------------------- classifications


class ICSClassSerializer(serializers.ModelSerializer):
    class Meta:
        model = ICSClass
        fields = ["code", "name_zh", "name_en", "parent"]


class CCSClassSerializer(serializers.ModelSerializer):
    class Meta:
        model = CCSClass
        fields = ["code", "name_zh", "parent"]


class ClassFilter(django_filters.FilterSet):
    parent = django_filters.CharFilter(field_name="parent_id", label=_("上级分类号 parent code"))
    top = django_filters.BooleanFilter(field_name="parent", lookup_expr="isnull",
                                       label=_("仅顶层 top level only"))
    q = django_filters.CharFilter(method="filter_text", label=_("分类号或名称 code or name"))

    def filter_text(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(code__istartswith=value) | Q(name_zh__icontains=value))


class ClassificationViewSet(viewsets.ReadOnlyModelViewSet):
    """A classification table, read-only and public; look a class up by its code."""

    permission_classes = [permissions.AllowAny]  # public reference data, read-only routes
    filterset_class = ClassFilter
    pagination_class = PagePagination
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return scope(self.request.user, "view", super().get_queryset())


@extend_schema_view(list=extend_schema(summary="ICS classes (国际标准分类)"),
                    retrieve=extend_schema(summary="One ICS class"))
class ICSClassViewSet(ClassificationViewSet):
    queryset = ICSClass.objects.order_by("code")
    serializer_class = ICSClassSerializer


@extend_schema_view(list=extend_schema(summary="CCS classes (中国标准文献分类)"),
                    retrieve=extend_schema(summary="One CCS class"))
class CCSClassViewSet(ClassificationViewSet):
    queryset = CCSClass.objects.order_by("code")
    serializer_class = CCSClassSerializer


# ---------------------------------------------------------------- standards: output


class StandardRefSerializer(serializers.ModelSerializer):
    """A standard as another one points to it (replaces / replaced by)."""

    url = serializers.HyperlinkedIdentityField(view_name="api-standard-detail")

    class Meta:
        model = Standard
        fields = ["id", "code", "url"]


class StandardListSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-standard-detail")
    responsible_org = OrganizationRefSerializer(read_only=True, allow_null=True)
    ics = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    ccs = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Standard
        fields = ["id", "url", "code", "title_zh", "title_en", "level", "nature", "status",
                  "issued_on", "effective_on", "review_due_on", "responsible_org", "ics", "ccs"]


class StandardDetailSerializer(StandardListSerializer):
    ics = ICSClassSerializer(many=True, read_only=True)
    ccs = CCSClassSerializer(many=True, read_only=True)
    drafting_orgs = OrganizationRefSerializer(many=True, read_only=True)
    replaces = StandardRefSerializer(many=True, read_only=True)
    replaced_by = StandardRefSerializer(many=True, read_only=True)
    portal_url = PageURLField()
    events_url = serializers.HyperlinkedIdentityField(view_name="api-standard-events")

    class Meta(StandardListSerializer.Meta):
        fields = [
            "id", "url", "portal_url", "events_url", "code", "code_base", "prefix", "issuer",
            "number", "year", "title_zh", "title_en", "level", "nature", "status", "issued_on",
            "effective_on", "withdrawn_on", "last_reviewed_on", "review_due_on",
            "issuing_body", "responsible_org", "drafting_orgs", "ics", "ccs", "replaces",
            "replaced_by", "adopted_code", "adoption", "scope", "version", "created_at",
            "updated_at",
        ]


# ---------------------------------------------------------------- standards: input


@extend_schema_field(OpenApiTypes.DATE)
class TypedDateField(serializers.CharField):
    """A date as people write it (2021-01-05, 2021/1/5, 2021年1月5日); the service parses it."""

    def __init__(self, **kwargs):
        super().__init__(required=False, allow_blank=True, allow_null=True, **kwargs)


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string"}]})
class OrganizationRefField(serializers.Field):
    """An organization id, or its full or short name."""

    default_error_messages = {
        "unknown": _("没有此单位 no organization with id {value}"),
        "invalid": _("单位须为编号或名称 give an organization id or name"),
    }

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, (int, str)):
            self.fail("invalid")
        if isinstance(data, str):
            return data.strip()
        org = Organization.objects.filter(pk=data).first()
        if org is None:
            self.fail("unknown", value=data)
        return org

    def to_representation(self, value):
        return value.pk if isinstance(value, Organization) else value


def _text(**kwargs):
    return serializers.CharField(required=False, allow_blank=True, **kwargs)


def _codes(help_text):
    return serializers.ListField(child=serializers.CharField(), required=False,
                                 help_text=help_text)


class StandardInputSerializer(serializers.Serializer):
    """The plain values of a standard, as a form or an import row gives them."""

    code = serializers.CharField(help_text=_("标准号 code, e.g. GB/T 2260-2007"))
    title_zh = serializers.CharField(help_text=_("标准名称 Chinese title"))
    title_en = _text(help_text=_("英文名称 English title"))
    status = _text(help_text=_(
        "状态 status: current, upcoming, superseded, withdrawn (or 现行, 废止…); "
        "derived from the dates when empty"))
    issued_on = TypedDateField(help_text=_("发布日期 issued"))
    effective_on = TypedDateField(help_text=_("实施日期 effective"))
    withdrawn_on = TypedDateField(help_text=_("废止日期 withdrawn"))
    last_reviewed_on = TypedDateField(help_text=_("最近复审日期 last reviewed"))
    ics = _codes(_("ICS 分类号 ICS codes, e.g. 35.240.01"))
    ccs = _codes(_("CCS 分类号 CCS codes, e.g. L70"))
    issuing_body = _text(help_text=_("发布单位 issuing body"))
    responsible_org = OrganizationRefField(
        required=False, allow_null=True,
        help_text=_("归口单位 responsible organization: id or name "
                    "(an unknown name is registered)"))
    drafting_orgs = serializers.ListField(
        child=OrganizationRefField(), required=False,
        help_text=_("起草单位 drafting organizations: ids or names"))
    replaces = _codes(_("代替标准 codes of the standards this one replaces"))
    adopted_code = _text(help_text=_("采用国际标准 adopted international standard's code"))
    adoption = _text(help_text=_("采用程度 adoption degree: IDT, MOD or NEQ"))
    scope = _text(help_text=_("适用范围 scope"))
    version = version_field()


# ---------------------------------------------------------------- standards: views


_SEARCH_PARAM = OpenApiParameter(
    "q", str, description=_("全文检索 search titles and codes (Chinese or English)"))


@extend_schema_view(
    list=extend_schema(summary="List and search standards (标准列表与检索)",
                       parameters=[_SEARCH_PARAM]),
    retrieve=extend_schema(summary="One standard (标准)", parameters=[ETAG]),
    create=extend_schema(summary="Register a standard (登记标准)",
                         request=StandardInputSerializer,
                         responses={201: StandardDetailSerializer}),
    update=extend_schema(summary="Replace a standard's values (修改标准)",
                         request=StandardInputSerializer, parameters=[IF_MATCH, ETAG],
                         responses={200: StandardDetailSerializer}),
    partial_update=extend_schema(summary="Change some of a standard's values (修改标准)",
                                 request=StandardInputSerializer, parameters=[IF_MATCH, ETAG],
                                 responses={200: StandardDetailSerializer}),
)
class StandardViewSet(VersionedViewMixin, mixins.ListModelMixin,
                      mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
                      viewsets.GenericViewSet):
    """The standard registry (标准). Anyone reads it; department editors register and change
    their own organization's standards, administrators any (token required). Writes take
    the same plain values as the registry's forms and import files. To edit without
    overwriting someone else's change, send the ETag of the GET back as If-Match."""

    filterset_class = StandardFilter
    pagination_class = PagePagination
    throttle_classes = [AnonymousReadThrottle]  # full-text search

    def get_queryset(self):
        user = self.request.user
        if self.action == "events":
            return scope(user, "view", Standard.objects.all())
        queryset = scope(user, "view", Standard.objects.select_related("responsible_org"))
        if self.action == "list":
            return queryset.prefetch_related("ics", "ccs")
        refs = scope(user, "view", Standard.objects.only("id", "code"))
        return queryset.prefetch_related(
            "ics", "ccs", "drafting_orgs", Prefetch("replaces", queryset=refs),
            Prefetch("replaced_by", queryset=refs))

    def get_serializer_class(self):
        return StandardListSerializer if self.action == "list" else StandardDetailSerializer

    def list(self, request, *args, **kwargs):
        queryset = without_needless_distinct(self.filter_queryset(self.get_queryset()))
        query = query_text(request, "q")
        if query:
            search = functools.partial(search_standards, query, queryset=queryset)
            page = self.paginator.paginate_search(request, search)
        else:
            page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def create(self, request, *args, **kwargs):
        values = self._input(request)
        std = create_standard(request.user, values)
        data = self._detail(std.pk)
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})

    def update(self, request, *args, partial=False, **kwargs):
        std = self.get_object()
        values = self._input(request, partial=partial)
        values.pop("version", None)  # checked by get_object (If-Match, body version)
        if partial:  # the service takes a standard's full set of values
            values = {**editable_values(std), **values}
        update_standard(request.user, std, values, expected_version=self.expected_version)
        return Response(self._detail(std.pk))

    @extend_schema(
        summary="One standard by its code (按标准号查找)",
        parameters=[OpenApiParameter(
            "code", str, required=True,
            description=_("标准号 code as written, e.g. GB/T 2260-2007 (URL-encoded)"))],
        responses={200: StandardDetailSerializer},
        filters=False)
    @action(detail=False, methods=["get"], url_path="by-code", filter_backends=[],
            pagination_class=None)
    def by_code(self, request):
        text = query_text(request, "code")
        if not text:
            raise exceptions.ValidationError(
                {"code": [_("缺少标准号 give ?code=, e.g. GB/T 2260-2007")]})
        std = standard_by_code(text, self.get_queryset())
        if std is None:
            raise exceptions.NotFound(
                _("未找到标准 no standard with code {code}").format(code=canonical_code(text)))
        self.check_object_permissions(request, std)
        return Response(self.get_serializer(std).data)

    @extend_schema(summary="A standard's history (变更记录), newest first",
                   responses=EventSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], filter_backends=[])
    def events(self, request, pk=None):
        page = self.paginate_queryset(events_of(self.get_object()))
        return self.get_paginated_response(
            EventSerializer(page, many=True, context=self.get_serializer_context()).data)

    def _input(self, request, partial=False) -> dict:
        serializer = StandardInputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _detail(self, pk) -> dict:
        std = self.get_queryset().get(pk=pk)
        return StandardDetailSerializer(std, context=self.get_serializer_context()).data
