from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "desaku.outreach"
    label = "outreach"
    verbose_name = _("Outreach & shelter")

    def ready(self):
        from desaku.outreach import registrations  # noqa: F401
