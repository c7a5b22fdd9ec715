from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiversionConfig(AppConfig):
    name = "desaku.diversion"
    label = "diversion"
    verbose_name = _("Diversion accompaniment")

    def ready(self):
        from desaku.diversion import registrations  # noqa: F401
