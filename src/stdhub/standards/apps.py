from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "stdhub.standards"
    label = "standards"
    verbose_name = _("标准 Standards")

    def ready(self):
        from . import policies  # noqa: F401  (registers the policies)
