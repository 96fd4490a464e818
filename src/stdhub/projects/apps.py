from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "stdhub.projects"
    label = "projects"
    verbose_name = _("制修订项目 Standard development")

    def ready(self):
        from . import policies  # noqa: F401  (registers the policies)
        from .text_index import register

        register()  # projects in the search index
