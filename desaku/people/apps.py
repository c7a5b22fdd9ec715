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
            Merge,
            Person,
            PersonNameKey,
            PersonPhoto,
        )

        for model in (Alias, PersonPhoto, Disability, HouseholdMembership, Classification, Consent,
                      DuplicateDecision):
            merging.register(model, "person")
        merging.register_exempt(Person, "merged_into", "set by the merge itself")
        merging.register_exempt(PersonNameKey, "person", "derived blocking keys, rebuilt for both records")
        merging.register_exempt(Merge, "survivor", "the merge log names both records as they were")
        merging.register_exempt(Merge, "merged", "the merge log names both records as they were")
