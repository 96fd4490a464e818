"""The workspace page of the signed-in person's API tokens: issue, list, revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stdhub.core.permissions import scope

from . import tokens
from .forms import TokenForm
from .models import ApiToken
from .services import issue_token, revoke_token


def _mine(user):
    return scope(user, "view", ApiToken.objects.select_related("user").filter(user_id=user.pk))


@login_required
def token_list(request):
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = issue_token(request.user, request.user, name=form.cleaned_data["name"])
        form = TokenForm()
    rows = [(t, tokens.state(t)) for t in _mine(request.user)]
    return render(request, "orgs/tokens.html", {"form": form, "rows": rows, "new_key": new_key})


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(_mine(request.user), pk=pk)
    if revoke_token(request.user, token):
        messages.success(request, _("令牌“{name}”已撤销。").format(name=token.name or token.pk))
    return redirect("workspace:tokens")
