from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "stdhub.notifications"
    label = "notifications"
    verbose_name = _("通知 Notifications")

    def ready(self):
        from . import dispatch, policies  # noqa: F401  (connects the event hook, registers policies)
