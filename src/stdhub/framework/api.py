"""REST API of standard systems: frameworks, their nodes with coverage, entries, and the
GB/T 13016 tables as JSON. Reads are public; nodes and entries are added through services."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from stdhub.core.api import PagePagination
from stdhub.standards.choices import Level

from . import queries, services
from .choices import EntryKind
from .models import Framework

TABLE_PAGE = 500


class FrameworkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Framework
        fields = ["code", "title", "kind", "description", "organization", "standard_types",
                  "detail_columns", "source"]


class NodeSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField(required=False, allow_blank=True, default="")
    required = serializers.IntegerField(read_only=True, help_text="应有数 (whole branch)")
    existing = serializers.IntegerField(read_only=True, help_text="现有数 (whole branch)")
    ratio = serializers.FloatField(read_only=True, allow_null=True)
    gap = serializers.BooleanField(read_only=True, help_text="短板")


class EntrySerializer(serializers.Serializer):
    node = serializers.CharField(help_text="体系编号")
    kind = serializers.ChoiceField(EntryKind.choices)
    code = serializers.CharField(required=False, allow_blank=True, default="")
    title = serializers.CharField(required=False, allow_blank=True, default="")
    suggested_level = serializers.ChoiceField(Level.choices, required=False, allow_blank=True,
                                              default="")
    standard_type = serializers.CharField(required=False, allow_blank=True, default="")
    remark = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_view(
    list=extend_schema(summary="List standard systems (标准体系)"),
    retrieve=extend_schema(summary="One standard system"),
)
class FrameworkViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       viewsets.GenericViewSet):
    """Standard systems; anyone reads them, the owning organization's editors build them."""

    queryset = Framework.objects.all()
    serializer_class = FrameworkSerializer
    lookup_field = "code"
    pagination_class = PagePagination

    def _nodes(self, framework):
        cover = queries.coverage(framework)
        return [{"code": n.code, "name": n.name, "description": n.description,
                 "required": cover[n.code].required, "existing": cover[n.code].existing,
                 "ratio": cover[n.code].ratio, "gap": cover[n.code].gap}
                for n in queries.nodes_of(framework)]

    @extend_schema(summary="Nodes with coverage and gaps (体系结构)", methods=["GET"],
                   responses=NodeSerializer(many=True))
    @extend_schema(summary="Add a node", methods=["POST"], request=NodeSerializer,
                   responses={201: NodeSerializer})
    @action(detail=True, methods=["get", "post"])
    def nodes(self, request, code=None):
        framework = self.get_object()
        if request.method == "GET":
            return Response(self._nodes(framework))
        body = NodeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        node = services.add_node(request.user, framework, code=body.validated_data["code"],
                                 name=body.validated_data["name"],
                                 description=body.validated_data["description"])
        return Response(next(n for n in self._nodes(framework) if n["code"] == node.code),
                        status=status.HTTP_201_CREATED)

    @extend_schema(summary="Add an entry under a node (体系明细)", request=EntrySerializer,
                   responses={201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def entries(self, request, code=None):
        framework = self.get_object()
        body = EntrySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        node = framework.nodes.filter(code=data.pop("node")).first()
        if node is None:
            raise serializers.ValidationError({"node": ["no such 体系编号 in this framework"]})
        entry = services.add_entry(request.user, node, **data)
        return Response({"id": entry.pk, "node": node.code, "kind": entry.kind},
                        status=status.HTTP_201_CREATED)

    @extend_schema(summary="Detail and statistics tables (标准明细表、标准统计表)",
                   description="The detail table a page at a time (?page=, 500 rows); the "
                               "statistics table whole.",
                   parameters=[OpenApiParameter("page", int, description="page, from 1")],
                   responses=OpenApiTypes.OBJECT)
    @action(detail=True)
    def tables(self, request, code=None):
        framework = self.get_object()
        try:
            number = int(request.query_params.get("page", 1))
        except ValueError:
            number = 0
        if number < 1:
            raise exceptions.NotFound("pages are numbered from 1")
        start = (number - 1) * TABLE_PAGE
        data = queries.tables_as_data(framework, start, start + TABLE_PAGE)
        data["page"], data["pages"] = number, max(-(-data["count"] // TABLE_PAGE), 1)
        return Response(data)
