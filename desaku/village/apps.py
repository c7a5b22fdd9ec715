from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillageConfig(AppConfig):
    name = "desaku.village"
    label = "village"
    verbose_name = _("Desaku Menanti")

    def ready(self):
        from desaku.village import registrations  # noqa: F401
