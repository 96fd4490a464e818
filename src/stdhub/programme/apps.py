from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "stdhub.programme"
    label = "programme"
    verbose_name = _("规划方案 Programmes")

    def ready(self):
        from . import policies  # noqa: F401  (registers the policies)

    def initialise(self, **options) -> list[str]:
        """``stdhub init``'s step: the built-in programme with its organizations, starter
        registry and standard system (nothing happens when it is already loaded)."""
        from stdhub.core.permissions import SYSTEM

        from .services import load_programme

        programme, created = load_programme(SYSTEM)
        return [f"programme: {programme} ({'loaded' if created else 'already present'})"]
