from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "stdhub.core"
    label = "core"
    verbose_name = _("核心 Core")

    def ready(self):
        from . import personal  # noqa: F401  (registers the personal data policy)
