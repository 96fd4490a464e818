"""The notice list (mark read), follow / unfollow buttons and the email preference."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stdhub.core.permissions import can

from . import conf, queries, services
from .models import Preference

FOLLOWABLE = {("projects", "project"), ("standards", "standard")}


@login_required
def notice_list(request):
    unread_only = request.GET.get("unread") == "1"
    notices = queries.notices_of(request.user, unread_only=unread_only)
    pref = Preference.objects.filter(user=request.user).first()
    return render(request, "notifications/notices.html", {
        "notices": notices.order_by("-created_at", "-id")[:conf.get("SHOWN")],
        "unread_only": unread_only,
        "unread": queries.unread_count(request.user),
        "email_on": pref is None or pref.email,
    })


@login_required
@require_POST
def notices_read(request):
    ids = None
    if request.POST.get("all") != "1":
        ids = [int(i) for i in request.POST.getlist("notice") if i.isdigit()]
    count = services.mark_read(request.user, ids)
    messages.success(request, _("已标记 %(n)d 条为已读 %(n)d marked read") % {"n": count})
    return redirect("workspace:notices")


@login_required
@require_POST
def email_preference(request):
    services.set_email(request.user, request.POST.get("email") == "1")
    messages.success(request, _("通知设置已保存 Notification settings saved"))
    return redirect("workspace:notices")


def _target(request, type_id: int, pk: int):
    try:
        ct = ContentType.objects.get_for_id(type_id)
    except ContentType.DoesNotExist as exc:
        raise Http404 from exc
    if (ct.app_label, ct.model) not in FOLLOWABLE:
        raise Http404("not something one can follow")
    obj = ct.model_class().objects.filter(pk=pk).first()
    if obj is None or not can(request.user, "view", obj):
        raise Http404
    return obj


def _back(request, obj):
    nxt = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(nxt, {request.get_host()}, request.is_secure()):
        return redirect(nxt)
    return redirect(obj.get_absolute_url())


@login_required
@require_POST
def follow(request, type_id: int, pk: int):
    obj = _target(request, type_id, pk)
    services.follow(request.user, obj)
    messages.success(request, _("已关注 Following"))
    return _back(request, obj)


@login_required
@require_POST
def unfollow(request, type_id: int, pk: int):
    obj = _target(request, type_id, pk)
    services.unfollow(request.user, obj)
    messages.success(request, _("已取消关注 No longer following"))
    return _back(request, obj)
