from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "stdhub.committees"
    label = "committees"
    verbose_name = _("标准化技术委员会 Technical committees")

    def ready(self):
        from . import policies  # noqa: F401  (registers the policies)
