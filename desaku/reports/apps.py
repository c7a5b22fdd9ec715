from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "desaku.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from desaku.reports import registrations  # noqa: F401
