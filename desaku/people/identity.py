"""Persons whose identity only some users may see (a child in conflict with the law, issue 9 item 4).

An app that protects persons registers ``provider(user, person_ids) -> set[int]``: of the given persons, those
whose identity this user may NOT see. The registry then shows such a person with initials and without the
identifying fields (NIK, No KK, address, birth date, mother's name, phone, aliases, photos) on the person page,
in lists and search results, in exports and in the API, so the people app never needs to know why
(it imports no other app).
"""

from collections.abc import Callable, Iterable

from django.utils.translation import gettext_lazy as _

_PROVIDERS: list[Callable] = []

# Fields blanked on a masked person (kept apart from full_name, which becomes initials).
MASKED_BLANK_FIELDS = ("nik_masked", "no_kk_masked", "domicile_address", "domicile_rt", "domicile_rw", "birthplace",
                       "mother_name", "phone", "physical_description", "distinguishing_marks", "occupation")
MASKED_NONE_FIELDS = ("birth_date", "domicile_kelurahan", "origin_region", "age_estimated_on", "estimated_age")
RESTRICTED_NOTE = _("Identity restricted: a child under protection. Only the assigned workers, their supervisors "
                    "and administrators see the full identity.")


def register(provider: Callable) -> Callable:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def initials(name: str) -> str:
    """'Ahmad Santoso' → 'A. S.'"""
    return " ".join(f"{part[0].upper()}." for part in (name or "").split() if part[0].isalpha()) or "—"


def hidden_ids(user, person_ids: Iterable[int]) -> set[int]:
    """Of these persons, those whose identity the user may not see."""
    ids = [pk for pk in person_ids if pk is not None]
    if not ids or not _PROVIDERS:
        return set()
    hidden: set[int] = set()
    for provider in _PROVIDERS:
        hidden |= set(provider(user, ids))
    return hidden


def is_hidden(user, person) -> bool:
    return person.pk in hidden_ids(user, [person.pk])


def _refuse_save(*args, **kwargs):
    raise RuntimeError("A masked person is a display copy and is never saved.")


def mask(person):
    """Turn this (display) instance into its masked form in place; it can no longer be saved."""
    person.identity_hidden = True
    person.full_name = initials(person.full_name)
    for name in MASKED_BLANK_FIELDS:
        setattr(person, name, "")
    for name in MASKED_NONE_FIELDS:
        setattr(person, name, None)
    person.save = _refuse_save
    person.save_with_reason = _refuse_save
    return person


def mask_persons(user, persons) -> set[int]:
    """Mask, in place, the persons of this list whose identity the user may not see; returns their ids."""
    persons = list(persons)
    hidden = hidden_ids(user, [p.pk for p in persons])
    for person in persons:
        if person.pk in hidden:
            mask(person)
        else:
            person.identity_hidden = False
    return hidden


def mask_households(user, households) -> set[int]:
    """Load the heads of these households in one query and mask, in place, those the user may not see, so that
    `household.head` and `str(household)` show initials; returns the hidden heads' ids."""
    from desaku.people.models import HouseholdMembership, Relationship

    households = [h for h in households if h is not None]
    heads = {m.household_id: m.person for m in HouseholdMembership.objects.filter(
        household__in=[h.pk for h in households], end_date__isnull=True,
        relationship=Relationship.HEAD).select_related("person")}
    hidden = mask_persons(user, heads.values())
    for household in households:
        household.pin_head(heads.get(household.pk))
    return hidden

