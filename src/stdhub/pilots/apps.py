from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "stdhub.pilots"
    label = "pilots"
    verbose_name = _("标准化试点示范 Pilot projects")

    def ready(self):
        from . import policies  # noqa: F401  (registers the policies)
