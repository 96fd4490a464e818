from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "stdhub.evaluation"
    label = "evaluation"
    verbose_name = _("实施评价 Implementation evaluation")
