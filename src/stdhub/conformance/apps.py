from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConformanceConfig(AppConfig):
    name = "stdhub.conformance"
    label = "conformance"
    verbose_name = _("数据标准与验证检测 Data standards and conformance")

    def ready(self):
        from stdhub.core.leases import housekeeping

        from . import policies  # noqa: F401  (registers the policies)

        housekeeping.connect(_recover_runs, dispatch_uid="conformance-recover-runs")


def _recover_runs(sender, **kwargs):
    """Runs whose worker stopped are queued again or given up (see services)."""
    from .services import recover_abandoned_runs

    recover_abandoned_runs()
