"""Settings of implementation evaluation, with their defaults.

Override them in ``settings.STDHUB_EVALUATION`` (a dict); a campaign copies them when it is
created, so a later change of settings does not regrade past campaigns::

    STDHUB_EVALUATION = {"COMBINE": "median",
                         "GRADES": [{"name": "优秀", "min": 85}, {"name": "合格", "min": 60}]}
"""

from django.conf import settings

DEFAULTS = {
    "COMBINE": "mean",  # how evaluators' totals combine: mean | median
    "GRADES": [{"name": "优秀", "min": 90}, {"name": "良好", "min": 80},
               {"name": "合格", "min": 60}, {"name": "不合格", "min": 0}],
    "EVIDENCE_SUFFIXES": [".pdf", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png",
                          ".ofd", ".zip"],
    "EVIDENCE_MAX_BYTES": 20 << 20,
}


def get(name: str):
    return getattr(settings, "STDHUB_EVALUATION", {}).get(name, DEFAULTS[name])
