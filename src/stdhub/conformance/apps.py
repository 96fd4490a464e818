from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConformanceConfig(AppConfig):
    name = "stdhub.conformance"
    label = "conformance"
    verbose_name = _("数据标准与验证检测 Data standards and conformance")

    def ready(self):
        from . import policies  # noqa: F401  (registers the policies)
