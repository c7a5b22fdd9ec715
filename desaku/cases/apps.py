from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "desaku.cases"
    label = "cases"
    verbose_name = _("Case management")

    def ready(self):
        from desaku.cases import registrations  # noqa: F401
