"""REST API of pilot projects (under /api/v1/pilots/).

Lists are scoped by the same policy as the pages; every write goes through the services,
so a refused move answers with the reasons the page shows: 403 when the person holds no
role the move names, 400 listing what is missing, 409 when ``expected_version`` is stale.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, parsers, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from stdhub.core.api import PagePagination, validated
from stdhub.core.permissions import can, scope
from stdhub.orgs.api import OrganizationRefSerializer

from . import queries, services
from .choices import DocumentKind
from .models import Pilot, PilotDocument


class PilotDocumentSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = PilotDocument
        fields = ["id", "kind", "number", "original_name", "size", "sha256", "uploaded_at",
                  "download_url"]

    def get_download_url(self, document) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("pilots:document", args=[document.pk]))


class PilotMoveCheckSerializer(serializers.Serializer):
    name = serializers.CharField(source="move.name")
    label = serializers.CharField(source="move.label")
    allowed = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField(),
                                    help_text=_("为何不能执行 why it is refused (empty when "
                                                "allowed)"))


class PilotSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    undertaker = OrganizationRefSerializer()
    supervisor = OrganizationRefSerializer(allow_null=True)
    task = serializers.StringRelatedField()

    class Meta:
        model = Pilot
        fields = ["id", "url", "name", "level", "field", "undertaker", "supervisor", "task",
                  "starts_on", "ends_on", "stage", "result", "approved_on", "accepted_on",
                  "version"]

    def get_url(self, pilot) -> str:
        return self.context["request"].build_absolute_uri(pilot.get_absolute_url())


class PilotDetailSerializer(PilotSerializer):
    moves = serializers.SerializerMethodField(help_text=_("从当前阶段可执行的操作及所缺条件"))

    class Meta(PilotSerializer.Meta):
        fields = [*PilotSerializer.Meta.fields, "moves"]

    def get_moves(self, pilot) -> list[dict]:
        user = self.context["request"].user
        return PilotMoveCheckSerializer(services.available_moves(user, pilot), many=True).data


class PilotInputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pilot
        fields = services.PILOT_FIELDS


class PilotMoveInputSerializer(serializers.Serializer):
    move = serializers.CharField(help_text="approve | start-building | mid-term | pass | fail | "
                                           "revoke")
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    expected_version = serializers.IntegerField(required=False, allow_null=True, default=None)


class PilotDocumentInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    file = serializers.FileField()


class PilotPermission(permissions.BasePermission):
    """Reads for whoever may see the pilot; writes need a signed-in person (the services
    then decide: apply, move, upload). An application from someone who may apply for none
    is refused before its body is read."""

    public_reads = True  # lists are narrowed by scope(), so the schema calls reads public

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        if not request.user.is_authenticated:
            return False
        return view.action != "create" or can(request.user, "add", Pilot)

    def has_object_permission(self, request, view, obj):
        return can(request.user, "view", obj)


@extend_schema_view(
    list=extend_schema(summary="Pilot projects visible to you (标准化试点示范项目)", parameters=[
        OpenApiParameter("stage", str), OpenApiParameter("level", str),
        OpenApiParameter("q", str, description=_("名称或领域 name or field"))]),
    retrieve=extend_schema(summary="One pilot, with the moves possible from its stage"),
    create=extend_schema(summary="Apply for a pilot (申报)", request=PilotInputSerializer,
                         responses={201: PilotDetailSerializer}),
)
class PilotViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                   viewsets.GenericViewSet):
    pagination_class = PagePagination
    filter_backends = []
    permission_classes = [PilotPermission]
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]

    def get_queryset(self):
        return queries.filtered(self.request.user, self.request.query_params)

    def get_serializer_class(self):
        return PilotSerializer if self.action == "list" else PilotDetailSerializer

    def _detail(self, pilot, code=status.HTTP_200_OK):
        pilot.refresh_from_db()
        return Response(PilotDetailSerializer(pilot, context=self.get_serializer_context()).data,
                        status=code)

    def create(self, request, *args, **kwargs):
        values = validated(PilotInputSerializer, request.data)
        pilot = services.apply(request.user, values)
        return self._detail(pilot, status.HTTP_201_CREATED)

    @extend_schema(summary="Make a move: approve, start-building, mid-term, pass, fail, revoke",
                   request=PilotMoveInputSerializer, responses={200: PilotDetailSerializer})
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        pilot = self.get_object()
        values = validated(PilotMoveInputSerializer, request.data)
        services.move(request.user, pilot, values["move"], values["reason"],
                      expected_version=values["expected_version"])
        return self._detail(pilot)

    @extend_schema(methods=["GET"], summary="Document versions you may see",
                   responses=PilotDocumentSerializer(many=True))
    @extend_schema(methods=["POST"], summary="Upload a new version of a document",
                   request={"multipart/form-data": PilotDocumentInputSerializer},
                   responses={201: PilotDocumentSerializer})
    @action(detail=True, methods=["get", "post"])
    def documents(self, request, pk=None):
        pilot = self.get_object()
        context = {"request": request}
        if request.method == "POST":
            values = validated(PilotDocumentInputSerializer, request.data)
            document = services.upload_document(request.user, pilot, values["kind"],
                                                values["file"])
            return Response(PilotDocumentSerializer(document, context=context).data,
                            status=status.HTTP_201_CREATED)
        documents = scope(request.user, "view", pilot.documents.all())
        return Response(PilotDocumentSerializer(documents, many=True, context=context).data)
