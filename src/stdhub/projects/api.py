"""REST API of standard-development projects (under /api/v1/projects/).

Lists are scoped by the same policy as the pages. Every write goes through the
services, so a refused move answers with the same reasons the page shows: 403 when
the person holds no role the move names, 400 listing what is missing, 409 when
``expected_version`` is stale.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, parsers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404  # malformed ids: 404
from rest_framework.response import Response

from stdhub.core.api import PagePagination, ServicesDecideWrites
from stdhub.core.api import validated as _valid
from stdhub.core.errors import Conflict
from stdhub.core.parsers import JSONParser
from stdhub.core.permissions import can, member_orgs, scope
from stdhub.orgs.api import OrganizationRefSerializer
from stdhub.orgs.models import Organization
from stdhub.standards.api import canonical_code
from stdhub.standards.models import Standard

from . import queries, services
from .models import Comment, Project, ProjectDocument, ReviewVote

# ---------------------------------------------------------------- output


class DocumentSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(help_text=_("文件类型 proposal | comment-draft | explanation | "
                                             "review-draft | approval-draft | comment-table | "
                                             "minutes"))
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ProjectDocument
        fields = ["id", "kind", "number", "original_name", "size", "sha256", "note",
                  "uploaded_at", "download_url"]

    def get_download_url(self, document) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("projects:document", args=[document.pk]))


class MoveCheckSerializer(serializers.Serializer):
    name = serializers.CharField(source="move.name")
    label = serializers.CharField(source="move.label")
    target_stage = serializers.SerializerMethodField()
    target_substate = serializers.SerializerMethodField()
    allowed = serializers.BooleanField(help_text=_("可以执行 allowed now (with its inputs)"))
    role_ok = serializers.BooleanField()
    missing = serializers.SerializerMethodField(help_text=_("缺少 what is missing"))
    inputs = serializers.SerializerMethodField(help_text=_("需在操作时提供 given with the move"))

    def get_target_stage(self, check) -> str:
        return check.target[0]

    def get_target_substate(self, check) -> str:
        return check.target[1]

    def get_missing(self, check) -> list[str]:
        return [r.label for r in check.missing_before]

    def get_inputs(self, check) -> list[str]:
        return [r.key for r in check.move.requires if r.given]


class ProjectSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-project-detail")
    html_url = serializers.URLField(source="get_absolute_url", read_only=True)
    kind = serializers.CharField(help_text=_("make 制定 | revise 修订"))
    level = serializers.CharField(help_text=_("拟定级别 target level"))
    nature = serializers.CharField(help_text=_("性质 nature"))
    stage = serializers.CharField(help_text=_("GB/T 16733 阶段代码 stage code"))
    substate = serializers.CharField(help_text=_("子状态 open | closed | passed | failed | "
                                                 "stopped | cancelled or empty"))
    stage_label = serializers.CharField(read_only=True)
    deadline = serializers.SerializerMethodField(help_text=_("overdue | soon | empty"))
    lead_org = OrganizationRefSerializer(read_only=True)
    responsible_org = OrganizationRefSerializer(read_only=True)
    proposer = serializers.StringRelatedField()
    co_drafters = serializers.StringRelatedField(many=True)
    revises = serializers.SlugRelatedField(slug_field="code", read_only=True)
    standard = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Project
        fields = ["id", "url", "html_url", "plan_number", "title", "title_en", "kind", "level",
                  "nature", "stage", "substate", "stage_label", "deadline", "proposer",
                  "lead_org", "co_drafters", "responsible_org", "committee", "programme_task",
                  "framework_node", "started_on", "due_on", "comment_start", "comment_end",
                  "revises", "standard", "scope", "version", "created_at", "updated_at"]

    def get_deadline(self, project) -> str:
        return queries.flag([project])[0].deadline


class ProjectDetailSerializer(ProjectSerializer):
    moves = serializers.SerializerMethodField(help_text=_("从当前状态可做的操作 moves from here"))
    documents = serializers.SerializerMethodField(help_text=_("各类文件最新版 newest versions"))

    class Meta(ProjectSerializer.Meta):
        fields = ProjectSerializer.Meta.fields + ["moves", "documents"]

    def get_moves(self, project) -> list[dict]:
        checks = services.available_moves(self.context["request"].user, project)
        return MoveCheckSerializer(checks, many=True).data

    def get_documents(self, project) -> list[dict]:
        user = self.context["request"].user
        current = [d for d in services.current_documents(project).values()
                   if can(user, "view", d)]
        return DocumentSerializer(current, many=True, context=self.context).data


class CommentSerializer(serializers.ModelSerializer):
    source = serializers.CharField(read_only=True, help_text=_("提出单位 source"))
    disposition = serializers.CharField(help_text=_("accepted | partly | rejected or empty"))

    class Meta:
        model = Comment
        fields = ["number", "clause", "text", "proposed_change", "source", "commenter_name",
                  "commenter_org", "commenter_contact", "submitted_at", "disposition",
                  "disposition_reason", "disposed_at", "erased_at"]


class VoteSerializer(serializers.ModelSerializer):
    expert = serializers.CharField(source="expert.username")
    position = serializers.CharField(help_text=_("yes 赞成 | no 反对 | abstain 弃权"))

    class Meta:
        model = ReviewVote
        fields = ["expert", "position", "comment", "cast_at"]


# ---------------------------------------------------------------- input


class ProjectInputSerializer(serializers.Serializer):
    title = serializers.CharField(help_text=_("项目名称 title"))
    title_en = serializers.CharField(required=False, allow_blank=True, default="")
    kind = serializers.CharField(required=False, default="make",
                                 help_text=_("make 制定 | revise 修订"))
    level = serializers.CharField(required=False, default="local")
    nature = serializers.CharField(required=False, default="recommended")
    scope = serializers.CharField(required=False, allow_blank=True, default="")
    lead_org = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all(),
                                                  help_text=_("牵头起草单位 organization id"))
    co_drafters = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), many=True, required=False, default=list)
    responsible_org = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), help_text=_("归口单位 organization id"))
    proposer = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all(),
                                                  required=False, allow_null=True, default=None)
    committee = serializers.CharField(required=False, allow_blank=True, default="")
    programme_task = serializers.CharField(required=False, allow_blank=True, default="")
    framework_node = serializers.CharField(required=False, allow_blank=True, default="")
    revises = serializers.CharField(required=False, allow_blank=True, default="",
                                    help_text=_("被修订标准号 code of the revised standard"))

    def validate_revises(self, value: str) -> Standard | None:
        if not value.strip():
            return None
        std = Standard.objects.filter(code=canonical_code(value)).first()
        if std is None:
            raise serializers.ValidationError(_("标准库中没有此标准 no standard with this code"))
        return std

    def validate(self, attrs):
        for name, choices in (("kind", ("make", "revise")),):
            if attrs[name] not in choices:
                raise serializers.ValidationError({name: [f"one of {', '.join(choices)}"]})
        return attrs


class MoveInputSerializer(serializers.Serializer):
    to = serializers.CharField(help_text=_("操作名或目标阶段代码 a move name (approve, "
                                           "open-comments, …) or a stage code (30)"))
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    expected_version = serializers.IntegerField(required=False, allow_null=True, default=None)
    plan_number = serializers.CharField(required=False, allow_blank=True)
    comment_end = serializers.DateField(required=False)
    code = serializers.CharField(required=False, allow_blank=True)
    issued_on = serializers.DateField(required=False)
    effective_on = serializers.DateField(required=False)
    conclusion = serializers.CharField(required=False, allow_blank=True)
    minutes = serializers.CharField(required=False, allow_blank=True)


class DocumentInputSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_("文件类型 document kind"))
    file = serializers.FileField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CommentInputSerializer(serializers.Serializer):
    clause = serializers.CharField(required=False, allow_blank=True, default="")
    text = serializers.CharField()
    proposed_change = serializers.CharField(required=False, allow_blank=True, default="")
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), required=False, allow_null=True, default=None,
        help_text=_("以本单位名义 comment as this organization (you must be a member)"))


class DispositionInputSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text=_("意见序号 comment number"))
    disposition = serializers.CharField(help_text=_("accepted | partly | rejected"))
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class VoteInputSerializer(serializers.Serializer):
    position = serializers.CharField(help_text=_("yes | no | abstain"))
    comment = serializers.CharField(required=False, allow_blank=True, default="")


# ---------------------------------------------------------------- views


@extend_schema_view(
    list=extend_schema(summary="Projects visible to you (制修订项目)", parameters=[
        OpenApiParameter("stage", str, many=True, description=_("阶段代码 stage code")),
        OpenApiParameter("level", str), OpenApiParameter("kind", str),
        OpenApiParameter("deadline", str, enum=["overdue", "soon"]),
        OpenApiParameter("q", str, description=_("名称或计划编号 title or plan number"))]),
    retrieve=extend_schema(summary="One project, with the moves possible from its state"),
    create=extend_schema(summary="Propose a project (项目建议, stage 00)",
                         request=ProjectInputSerializer,
                         responses={201: ProjectDetailSerializer}),
)
class ProjectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                     viewsets.GenericViewSet):
    pagination_class = PagePagination
    filter_backends = []
    permission_classes = [ServicesDecideWrites]
    parser_classes = [JSONParser, parsers.MultiPartParser, parsers.FormParser]

    def get_queryset(self):
        return queries.filtered(self.request.user, self.request.query_params)

    def handle_exception(self, exc):
        if isinstance(exc, Conflict):  # a stale expected_version: 409 with the current one
            return Response({"detail": str(exc), "current_version": exc.current_version},
                            status=status.HTTP_409_CONFLICT)
        return super().handle_exception(exc)

    def get_serializer_class(self):
        return ProjectSerializer if self.action == "list" else ProjectDetailSerializer

    def _detail(self, project, code=status.HTTP_200_OK):
        project.refresh_from_db()
        data = ProjectDetailSerializer(project, context=self.get_serializer_context()).data
        return Response(data, status=code)

    def create(self, request, *args, **kwargs):
        values = _valid(ProjectInputSerializer, request.data)
        project = services.propose(request.user, values)
        response = self._detail(project, status.HTTP_201_CREATED)
        response["Location"] = response.data["url"]
        return response

    @extend_schema(summary="Make a move (阶段变更): approve, open-comments, publish, stop …",
                   request=MoveInputSerializer,
                   responses={200: ProjectDetailSerializer})
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        project = self.get_object()
        values = _valid(MoveInputSerializer, request.data)
        to, reason = values.pop("to"), values.pop("reason")
        expected = values.pop("expected_version")
        services.move(request.user, project, to, reason, expected_version=expected, **values)
        return self._detail(project)

    @extend_schema(methods=["GET"], summary="Document versions you may see (项目文件)",
                   responses=DocumentSerializer(many=True))
    @extend_schema(methods=["POST"], summary="Upload a new version of a document",
                   request={"multipart/form-data": DocumentInputSerializer},
                   responses={201: DocumentSerializer})
    @action(detail=True, methods=["get", "post"])
    def documents(self, request, pk=None):
        project = self.get_object()
        if request.method == "POST":
            values = _valid(DocumentInputSerializer, request.data)
            document = services.upload_document(request.user, project, values["kind"],
                                                values["file"], values["note"])
            return Response(DocumentSerializer(document, context={"request": request}).data,
                            status=status.HTTP_201_CREATED)
        documents = scope(request.user, "view", project.documents.all())
        return Response(DocumentSerializer(documents, many=True,
                                           context={"request": request}).data)

    @extend_schema(methods=["GET"], summary="Comments on the project (insiders only)",
                   responses=CommentSerializer(many=True))
    @extend_schema(methods=["POST"], summary="Comment during the open period (征求意见)",
                   request=CommentInputSerializer,
                   responses={201: CommentSerializer})
    @action(detail=True, methods=["get", "post"])
    def comments(self, request, pk=None):
        project = self.get_object()
        if request.method == "POST":
            values = _valid(CommentInputSerializer, request.data)
            organization = values.pop("organization")
            if organization and not can_speak_for(request.user, organization):
                raise exceptions.PermissionDenied(_("您不是该单位成员 not a member of that "
                                                    "organization"))
            comment = services.submit_comment(request.user, project, values,
                                              organization=organization)
            return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)
        comments = scope(request.user, "view", project.comments.select_related("organization"))
        return Response(CommentSerializer(comments, many=True).data)

    @extend_schema(summary="Give a comment its disposition (采纳 / 部分采纳 / 不采纳)",
                   request=DispositionInputSerializer,
                   responses={200: CommentSerializer})
    @action(detail=True, methods=["post"])
    def disposition(self, request, pk=None):
        project = self.get_object()
        values = _valid(DispositionInputSerializer, request.data)
        comment = get_object_or_404(Comment, project=project, number=values["number"])
        services.dispose(request.user, comment, values["disposition"], values["reason"])
        return Response(CommentSerializer(comment).data)

    @extend_schema(methods=["GET"], summary="Votes of the current review (insiders only)",
                   responses=VoteSerializer(many=True))
    @extend_schema(methods=["POST"], summary="Cast or change your vote (assigned experts)",
                   request=VoteInputSerializer, responses={201: VoteSerializer})
    @action(detail=True, methods=["get", "post"])
    def votes(self, request, pk=None):
        project = self.get_object()
        if request.method == "POST":
            values = _valid(VoteInputSerializer, request.data)
            vote = services.cast_vote(request.user, project, values["position"],
                                      values["comment"])
            return Response(VoteSerializer(vote).data, status=status.HTTP_201_CREATED)
        review = services.current_review(project)
        votes = (scope(request.user, "view", review.votes.select_related("expert"))
                 if review else ReviewVote.objects.none())
        return Response(VoteSerializer(votes, many=True).data)


def can_speak_for(user, organization: Organization) -> bool:
    return organization.pk in member_orgs(user)
