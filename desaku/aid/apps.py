from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AidConfig(AppConfig):
    name = "desaku.aid"
    label = "aid"
    verbose_name = _("Social aid")

    def ready(self):
        from desaku.aid import registrations  # noqa: F401
