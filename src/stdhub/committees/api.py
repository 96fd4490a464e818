"""REST API of technical committees (under /api/v1/committees/): anyone reads them;
administrators establish them; the secretariat appoints members, links standards and records
international participation, each through the services."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404  # a malformed id is a 404, not a 500
from rest_framework.response import Response

from stdhub.core.api import PagePagination, validated
from stdhub.orgs.api import OrganizationRefSerializer
from stdhub.orgs.models import Organization
from stdhub.standards.api import canonical_code
from stdhub.standards.models import Standard

from . import queries, services
from .choices import Body, Level, MemberRole, ParticipationRole
from .models import Committee, Member, Participation


class MemberSerializer(serializers.ModelSerializer):
    person = serializers.CharField()
    organization = serializers.CharField(source="affiliation")

    class Meta:
        model = Member
        fields = ["id", "role", "person", "organization", "term_start", "term_end"]


class ParticipationSerializer(serializers.ModelSerializer):
    organization = OrganizationRefSerializer(allow_null=True)

    class Meta:
        model = Participation
        fields = ["id", "body", "international_committee", "role", "organization", "since"]


class CommitteeSerializer(serializers.ModelSerializer):
    secretariat = OrganizationRefSerializer()

    class Meta:
        model = Committee
        fields = ["id", "code", "name", "level", "scope", "secretariat", "established_on",
                  "status", "dissolved_on", "version"]


class CommitteeDetailSerializer(CommitteeSerializer):
    members = serializers.SerializerMethodField(help_text=_("在任委员 members in office today"))
    standards = serializers.SerializerMethodField()
    projects = serializers.SerializerMethodField(
        help_text=_("技术委员会一栏为本编号的项目 plan numbers of projects naming this code"))
    international = ParticipationSerializer(source="participations", many=True)

    class Meta(CommitteeSerializer.Meta):
        fields = [*CommitteeSerializer.Meta.fields, "members", "standards", "projects",
                  "international"]

    def get_members(self, committee) -> list[dict]:
        return MemberSerializer(queries.members(committee)[0], many=True).data

    def get_standards(self, committee) -> list[str]:
        return list(committee.standard_links.values_list("standard__code", flat=True))

    def get_projects(self, committee) -> list[dict]:
        return [{"id": p.pk, "plan_number": p.plan_number, "title": p.title, "stage": p.stage}
                for p in queries.projects_of(self.context["request"].user, committee)]


class CommitteeInputSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=200)
    level = serializers.ChoiceField(choices=Level.choices, required=False, default="",
                                    help_text=_("默认按编号 defaults from the code"))
    scope = serializers.CharField(required=False, allow_blank=True, default="")
    secretariat = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    established_on = serializers.DateField()


class MemberInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=MemberRole.choices, default=MemberRole.MEMBER)
    user = serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.all(),
                                              required=False, allow_null=True, default=None)
    name = serializers.CharField(required=False, allow_blank=True, default="")
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all(),
                                                      required=False, allow_null=True,
                                                      default=None)
    organization_name = serializers.CharField(required=False, allow_blank=True, default="")
    term_start = serializers.DateField()
    term_end = serializers.DateField(required=False, allow_null=True, default=None)


class StandardLinkInputSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("标准号 standard code"))

    def validate_code(self, code):
        standard = Standard.objects.filter(code=canonical_code(code)).first()
        if standard is None:
            raise serializers.ValidationError(_("标准库中没有此标准 no standard with this code"))
        return standard


class ParticipationInputSerializer(serializers.Serializer):
    body = serializers.ChoiceField(choices=Body.choices)
    international_committee = serializers.CharField(max_length=100)
    role = serializers.ChoiceField(choices=ParticipationRole.choices)
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all(),
                                                      required=False, allow_null=True,
                                                      default=None)
    since = serializers.DateField(required=False, allow_null=True, default=None)


@extend_schema_view(
    list=extend_schema(summary="Technical committees (标准化技术委员会)", parameters=[
        OpenApiParameter("level", str), OpenApiParameter("status", str),
        OpenApiParameter("q", str, description=_("编号、名称或领域 code, name or scope"))]),
    retrieve=extend_schema(summary="One committee with members, standards, projects and "
                                   "international participation"),
    create=extend_schema(summary="Establish a committee (administrators)",
                         request=CommitteeInputSerializer,
                         responses={201: CommitteeDetailSerializer}),
)
class CommitteeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       viewsets.GenericViewSet):
    pagination_class = PagePagination
    filter_backends = []
    queryset = Committee.objects.select_related("secretariat")

    def get_queryset(self):
        return queries.filtered(self.request.user, self.request.query_params)

    def get_serializer_class(self):
        return CommitteeSerializer if self.action == "list" else CommitteeDetailSerializer

    def _detail(self, committee, code=status.HTTP_200_OK):
        committee.refresh_from_db()
        return Response(CommitteeDetailSerializer(
            committee, context=self.get_serializer_context()).data, status=code)

    def create(self, request, *args, **kwargs):
        values = validated(CommitteeInputSerializer, request.data)
        committee = services.establish(request.user, values)
        return self._detail(committee, status.HTTP_201_CREATED)

    def _write(self, request, serializer_class, call):
        # Signed-in callers only; the services decide who "manages" the committee.
        committee = get_object_or_404(Committee, pk=self.kwargs["pk"])
        values = validated(serializer_class, request.data)
        call(committee, values)
        return self._detail(committee, status.HTTP_201_CREATED)

    @extend_schema(summary="Appoint a member for a term (secretariat)",
                   request=MemberInputSerializer, responses={201: CommitteeDetailSerializer})
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def members(self, request, pk=None):
        return self._write(request, MemberInputSerializer,
                           lambda c, v: services.appoint(request.user, c, v))

    @extend_schema(summary="Put a standard under the committee (secretariat)",
                   request=StandardLinkInputSerializer,
                   responses={201: CommitteeDetailSerializer})
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def standards(self, request, pk=None):
        return self._write(request, StandardLinkInputSerializer,
                           lambda c, v: services.link_standard(request.user, c, v["code"]))

    @extend_schema(summary="Record international participation (secretariat)",
                   request=ParticipationInputSerializer,
                   responses={201: CommitteeDetailSerializer})
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def international(self, request, pk=None):
        return self._write(request, ParticipationInputSerializer,
                           lambda c, v: services.add_participation(request.user, c, v))

