from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "stdhub.evaluation"
    label = "evaluation"
    verbose_name = _("实施评价 Implementation evaluation")

    def ready(self):
        from . import policies  # noqa: F401  (registers the policies)

    def initialise(self, **options) -> list[str]:
        """``stdhub init``'s step: the built-in indicator schemes (kept when already loaded)."""
        from stdhub.core.permissions import SYSTEM

        from .services import load_builtin_schemes

        return [f"evaluation scheme: {scheme.key} ({'loaded' if created else 'already present'})"
                for scheme, created in load_builtin_schemes(SYSTEM)]
