"""``Authorization: Token <key>`` for the REST API, checked against stdhub's hashed tokens."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from . import tokens


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's header parsing (keyword ``Token``); the key is looked up by its digest."""

    def authenticate_credentials(self, key):
        token = tokens.find_usable(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_(
                "令牌无效、已过期或已撤销 invalid, expired or revoked token: get a new one "
                "with POST /api/v1/auth/token/"))
        return token.user, token
