from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrameworkConfig(AppConfig):
    name = "stdhub.framework"
    label = "framework"
    verbose_name = _("标准体系 Standard systems")

    def ready(self):
        from . import policies  # noqa: F401  (registers the policies)
