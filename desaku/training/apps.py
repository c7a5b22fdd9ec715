from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "desaku.training"
    label = "training"
    verbose_name = _("Skills training")

    def ready(self):
        from desaku.training import registrations  # noqa: F401
