"""REST API for organizations (public reads, writes by programme administrators via services)
and the tokens that authenticate API writes (issued for a password, listed, revoked)."""

import django_filters
from django.contrib.auth import authenticate
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import exceptions, mixins, permissions, serializers, viewsets
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from stdhub.core.api import PagePagination
from stdhub.core.filters import IntegerFilter
from stdhub.core.permissions import scope
from stdhub.core.preconditions import (
    ETAG,
    IF_MATCH,
    VersionedViewMixin,
    version_field,
)
from stdhub.core.throttling import PasswordGuessThrottle

from . import lockout, tokens
from .choices import OrgKind
from .models import ApiToken, Organization
from .services import create_organization, issue_token, revoke_token, update_organization


class OrganizationRefSerializer(serializers.ModelSerializer):
    """An organization as other resources point to it."""

    url = serializers.HyperlinkedIdentityField(view_name="api-organization-detail")

    class Meta:
        model = Organization
        fields = ["id", "name", "url"]


class OrganizationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-organization-detail")
    version = version_field()

    class Meta:
        model = Organization
        fields = ["id", "url", "name", "short_name", "name_en", "kind", "uscc", "parent",
                  "website", "description", "version", "created_at"]
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
    retrieve=extend_schema(summary="One organization (组织)", parameters=[ETAG]),
    create=extend_schema(summary="Register an organization (programme administrators)"),
    update=extend_schema(summary="Replace an organization (programme administrators)",
                         parameters=[IF_MATCH, ETAG],
                         responses={200: OrganizationSerializer}),
    partial_update=extend_schema(summary="Change an organization (programme administrators)",
                                 parameters=[IF_MATCH, ETAG],
                                 responses={200: OrganizationSerializer}),
)
class OrganizationViewSet(VersionedViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                          mixins.CreateModelMixin, mixins.UpdateModelMixin,
                          viewsets.GenericViewSet):
    """Organizations (组织): departments, labs, associations, committees… Anyone reads them;
    programme administrators register and change them (token required)."""

    queryset = Organization.objects.order_by("name")
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
    pagination_class = PagePagination

    def get_queryset(self):
        return scope(self.request.user, "view", Organization.objects.order_by("name"))

    def perform_create(self, serializer):
        values = {k: v for k, v in serializer.validated_data.items() if k != "version"}
        serializer.instance = create_organization(self.request.user, **values)

    def perform_update(self, serializer):
        values = {k: v for k, v in serializer.validated_data.items() if k != "version"}
        update_organization(self.request.user, serializer.instance,
                            expected_version=self.expected_version, **values)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("用户名 username"), max_length=150)
    password = serializers.CharField(label=_("密码 password"), max_length=4096,
                                     trim_whitespace=False, style={"input_type": "password"})
    name = serializers.CharField(label=_("令牌名称 token name"), max_length=100, required=False,
                                 allow_blank=True, default="")


class ApiTokenSerializer(serializers.ModelSerializer):
    state = serializers.SerializerMethodField(help_text=_(
        "active, expired, revoked or password-changed"))

    class Meta:
        model = ApiToken
        fields = ["id", "name", "created_at", "expires_at", "last_used_at", "revoked_at", "state"]

    def get_state(self, token) -> str:
        return tokens.state(token)


class TokenView(APIView):
    authentication_classes = []  # the body's username and password are the credentials
    permission_classes = [permissions.AllowAny]
    throttle_classes = [PasswordGuessThrottle]

    @extend_schema(
        summary="Get an API token (获取访问令牌)",
        description=_(
            "Exchange a username and password for a new API token, valid for a limited time "
            "(expires_at). Send it as the header 'Authorization: Token <key>'. The key is "
            "shown only here; list and revoke tokens under /api/v1/auth/tokens/. Wrong "
            "credentials answer 400 with the reason; after repeated failures the username "
            "is locked out for a while from that address (429 with Retry-After)."),
        auth=[], request=TokenRequestSerializer,
        responses={200: inline_serializer("Token", {
                       "token": serializers.CharField(), "id": serializers.IntegerField(),
                       "expires_at": serializers.DateTimeField()})})
    def post(self, request, *args, **kwargs):
        body = TokenRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        # Django's request: django-axes counts failures and flags a lockout on it.
        django_request = request._request
        user = authenticate(django_request, username=body.validated_data["username"],
                            password=body.validated_data["password"])
        if getattr(django_request, "axes_locked_out", False):
            raise exceptions.Throttled(wait=lockout.retry_after(django_request),
                                       detail=lockout.message(django_request))
        if user is None or not user.is_active:
            raise serializers.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [_(
                "用户名或密码错误 unable to log in with the username and password given")]})
        token, key = issue_token(user, user, name=body.validated_data["name"])
        return Response({"token": key, "id": token.pk, "expires_at": token.expires_at})


@extend_schema_view(
    list=extend_schema(summary="Your API tokens (我的访问令牌)"),
    retrieve=extend_schema(summary="One of your API tokens"),
    destroy=extend_schema(summary="Revoke an API token (撤销访问令牌)",
                          responses={204: None}),
)
class ApiTokenViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                      mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """The signed-in user's own API tokens (keys are never shown again); DELETE revokes one."""

    queryset = ApiToken.objects.select_related("user")
    serializer_class = ApiTokenSerializer
    pagination_class = PagePagination
    # Only the caller's own rows, administrators' included (the permission matrix reads this).
    owner_field = "user"

    def get_queryset(self):
        mine = self.queryset.filter(**{f"{self.owner_field}_id": self.request.user.pk})
        return scope(self.request.user, "view", mine)

    def perform_destroy(self, instance):
        revoke_token(self.request.user, instance)
