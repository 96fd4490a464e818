"""The registry's levels and statuses as plain values. Pure: no Django.

Pure code (``rules``, the conformance engine's built-in code lists) reads these;
``choices`` builds the translated ``Level`` and ``Status`` from them, so each value
and label is written once.
"""


def gettext_noop(text: str) -> str:
    """Marks a label for ``makemessages`` (it knows this name) without importing Django."""
    return text


# (member name, stored value, label)
LEVELS = (
    ("INTERNATIONAL", "international", gettext_noop("国际标准 International")),
    ("NATIONAL", "national", gettext_noop("国家标准 National")),
    ("INDUSTRY", "industry", gettext_noop("行业标准 Industry")),
    ("LOCAL", "local", gettext_noop("地方标准 Local")),
    ("GROUP", "group", gettext_noop("团体标准 Group")),
    ("ENTERPRISE", "enterprise", gettext_noop("企业标准 Enterprise")),
)

CURRENT, UPCOMING, SUPERSEDED, WITHDRAWN = "current", "upcoming", "superseded", "withdrawn"
STATUSES = (
    ("CURRENT", CURRENT, gettext_noop("现行 Current")),
    ("UPCOMING", UPCOMING, gettext_noop("即将实施 Upcoming")),
    ("SUPERSEDED", SUPERSEDED, gettext_noop("被代替 Superseded")),
    ("WITHDRAWN", WITHDRAWN, gettext_noop("废止 Withdrawn")),
)
