from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "stdhub.programme"
    label = "programme"
    verbose_name = _("规划方案 Programmes")

    def ready(self):
        from . import policies  # noqa: F401  (registers the policies)
