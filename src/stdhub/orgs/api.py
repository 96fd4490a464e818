"""REST API for organizations (public reads, writes by programme administrators via services)
and the token that authenticates every API write."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.settings import api_settings

from stdhub.core.api import PagePagination
from stdhub.core.filters import IntegerFilter
from stdhub.core.throttling import PasswordGuessThrottle

from .choices import OrgKind
from .models import Organization
from .services import create_organization, update_organization


class OrganizationRefSerializer(serializers.ModelSerializer):
    """An organization as other resources point to it."""

    url = serializers.HyperlinkedIdentityField(view_name="api-organization-detail")

    class Meta:
        model = Organization
        fields = ["id", "name", "url"]


class OrganizationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-organization-detail")

    class Meta:
        model = Organization
        fields = ["id", "url", "name", "short_name", "name_en", "kind", "uscc", "parent",
                  "website", "description", "created_at"]
        # The service validates uniqueness (with every other rule) in one place.
        extra_kwargs = {"name": {"validators": []}}


class OrganizationFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=OrgKind.choices, label=_("类型 kind"))
    parent = IntegerFilter(field_name="parent_id", label=_("上级 parent id"))
    q = django_filters.CharFilter(method="filter_name", label=_("名称包含 name contains"))

    class Meta:
        model = Organization
        fields = ["kind", "parent"]

    def filter_name(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value)
                               | Q(name_en__icontains=value))


@extend_schema_view(
    list=extend_schema(summary="List organizations (组织列表)"),
    retrieve=extend_schema(summary="One organization (组织)"),
    create=extend_schema(summary="Register an organization (programme administrators)"),
    update=extend_schema(summary="Replace an organization (programme administrators)"),
    partial_update=extend_schema(summary="Change an organization (programme administrators)"),
)
class OrganizationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                          mixins.CreateModelMixin, mixins.UpdateModelMixin,
                          viewsets.GenericViewSet):
    """Organizations (组织): departments, labs, associations, committees… Anyone reads them;
    programme administrators register and change them (token required)."""

    queryset = Organization.objects.order_by("name")
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
    pagination_class = PagePagination

    def perform_create(self, serializer):
        serializer.instance = create_organization(self.request.user,
                                                  **serializer.validated_data)

    def perform_update(self, serializer):
        update_organization(self.request.user, serializer.instance,
                            **serializer.validated_data)


class TokenView(ObtainAuthToken):
    authentication_classes = []  # the body's username and password are the credentials
    parser_classes = api_settings.DEFAULT_PARSER_CLASSES  # ObtainAuthToken names its own
    throttle_classes = [PasswordGuessThrottle]

    @extend_schema(
        summary="Get an API token (获取访问令牌)",
        description=_(
            "Exchange a username and password for the user's API token (the same token on "
            "every call until an administrator revokes it). Send it on writes as the header "
            "'Authorization: Token <key>'. Wrong credentials answer 400 with the reason."),
        auth=[], request=AuthTokenSerializer,
        responses={200: inline_serializer("Token", {"token": serializers.CharField()})})
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)
