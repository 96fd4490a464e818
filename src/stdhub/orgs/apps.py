from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "stdhub.orgs"
    label = "orgs"
    verbose_name = _("组织与人员 Organizations")

    def ready(self):
        from . import policies  # noqa: F401  (registers the policies)

    def preflight(self, *, create_admin: bool = True, **options) -> None:
        """``stdhub init``'s check before migrating: a chosen admin password must be strong."""
        if create_admin:
            from .setup import check_admin_password

            check_admin_password()

    def initialise(self, *, create_admin: bool = True, **options) -> list[str]:
        """``stdhub init``'s step for this app (see core's ``init`` command)."""
        from .setup import initialise

        return initialise(create_admin=create_admin)
