from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "stdhub.standards"
    label = "standards"
    verbose_name = _("标准 Standards")

    def ready(self):
        from stdhub.core.leases import housekeeping

        from . import policies  # noqa: F401  (registers the policies)

        housekeeping.connect(_recover_exports, dispatch_uid="standards-recover-exports")

    def initialise(self, **options) -> list[str]:
        """``stdhub init``'s step for this app: the ICS and CCS classes."""
        from .services import load_reference_classes

        ics, ccs = load_reference_classes()
        return [f"reference data: {ics} ICS classes, {ccs} CCS classes"]


def _recover_exports(sender, **kwargs):
    """Exports whose worker stopped are failed with the reason (asking again is cheap)."""
    from .exports import recover_abandoned_exports

    recover_abandoned_exports()
