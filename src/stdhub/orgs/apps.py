from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "stdhub.orgs"
    label = "orgs"
    verbose_name = _("组织与人员 Organizations")

    def ready(self):
        from . import policies  # noqa: F401  (registers the policies)
