from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "desaku.people"
    label = "people"
    verbose_name = _("Registry")

    def ready(self):
        from desaku.people import merging, registrations  # noqa: F401
        from desaku.people.models import (
            Alias,
            Classification,
            Consent,
            Disability,
            DuplicateDecision,
            HouseholdMembership,
            PersonPhoto,
        )

        for model in (Alias, PersonPhoto, Disability, HouseholdMembership, Classification, Consent,
                      DuplicateDecision):
            merging.register(model, "person")
