from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "stdhub.standards"
    label = "standards"
    verbose_name = _("标准 Standards")

    def ready(self):
        from . import policies  # noqa: F401  (registers the policies)

    def initialise(self, **options) -> list[str]:
        """``stdhub init``'s step for this app: the ICS and CCS classes."""
        from .services import load_reference_classes

        ics, ccs = load_reference_classes()
        return [f"reference data: {ics} ICS classes, {ccs} CCS classes"]
