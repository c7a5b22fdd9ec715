"""Who may use each people-registry API URL.

The fixture person, household and classification belong to the Peksos (own scope) of the Dinas, so
they are visible to the Peksos, to organisation-scope staff of the Dinas and to all-scope roles, and
must read as 404 for everyone else (partners, outreach officers, mentors).
"""

from datetime import date

import pytest

from desaku.api.tests import WOMAN_NIK, fast_static_files, register
from desaku.core.testing import AccessCase, check_access

READERS = frozenset({"admin", "kadis", "kabid", "peksos", "penjangkauan", "operator", "lks_a", "lks_b",
                     "pendamping", "auditor"})
REGISTRARS = frozenset({"admin", "kabid", "peksos", "penjangkauan", "operator", "lks_a", "lks_b"})
# Readers / registrars who can see the Peksos's records of the Dinas.
SEE_DINAS_PEKSOS = frozenset({"admin", "kadis", "kabid", "peksos", "operator", "auditor"})
EDIT_DINAS_PEKSOS = frozenset({"admin", "kabid", "peksos", "operator"})


@pytest.fixture(autouse=True)
def _fast_static(settings, tmp_path):
    fast_static_files(settings)
    settings.MEDIA_ROOT = tmp_path  # photos and scanned forms of the fixture person


def _person(a, c):
    return f"/api/v1/persons/{c['person']}/"


def _household(a, c):
    return f"/api/v1/households/{c['household']}/"


MATRIX = [
    AccessCase("persons list", "/api/v1/persons/", READERS, api=True, url_names=("person-list",)),
    AccessCase("persons search", "/api/v1/persons/?q=sulastri", READERS, api=True),
    AccessCase("person create", "/api/v1/persons/", REGISTRARS, api=True, method="post",
               data={"full_name": "Joko Susilo", "sex": "L", "birth_year": 1980}, ok_status=(201, 409),
               notes="409 once an earlier actor's record is in the caller's scope"),
    AccessCase("person detail", _person, SEE_DINAS_PEKSOS, api=True, url_names=("person-detail",)),
    AccessCase("person reveal NIK", lambda a, c: _person(a, c) + "?reveal_nik=1", SEE_DINAS_PEKSOS, api=True),
    AccessCase("person update", _person, EDIT_DINAS_PEKSOS, api=True, method="patch",
               data={"occupation": "Pemulung"}),
    AccessCase("person match", "/api/v1/persons/match/", READERS, api=True, method="post",
               data={"full_name": "Sulastri"}, url_names=("person-match",)),
    AccessCase("person duplicates", lambda a, c: _person(a, c) + "duplicates/", SEE_DINAS_PEKSOS, api=True,
               url_names=("person-duplicates",)),
    AccessCase("person link registration", lambda a, c: _person(a, c) + "link-registration/",
               EDIT_DINAS_PEKSOS, api=True, method="post", data={"entered_name": "Sulastri W."},
               url_names=("person-link-registration",)),
    AccessCase("person classifications", lambda a, c: _person(a, c) + "classifications/", SEE_DINAS_PEKSOS,
               api=True, url_names=("person-classifications",)),
    AccessCase("person classify", lambda a, c: _person(a, c) + "classifications/", EDIT_DINAS_PEKSOS, api=True,
               method="post", data={"category": "PPKS-12", "valid_from": "2024-01-01", "valid_to": "2024-06-30"},
               ok_status=(201,)),
    AccessCase("classification end", lambda a, c: f"/api/v1/classifications/{c['classification']}/end/",
               EDIT_DINAS_PEKSOS, api=True, method="post", data={"reason": "assessment reviewed"},
               url_names=("classification-end",)),
    AccessCase("households list", "/api/v1/households/", READERS, api=True, url_names=("household-list",)),
    AccessCase("household detail", _household, SEE_DINAS_PEKSOS, api=True, url_names=("household-detail",)),
    AccessCase("household create", "/api/v1/households/", REGISTRARS, api=True, method="post",
               data=lambda a, c: {"head": c["free_person"]}, ok_status=(201, 400),
               notes="400 for a later actor: the head already heads a household, or is outside the scope"),
    AccessCase("household members", lambda a, c: _household(a, c) + "members/", SEE_DINAS_PEKSOS, api=True,
               url_names=("household-members",)),
    AccessCase("household add member", lambda a, c: _household(a, c) + "members/", EDIT_DINAS_PEKSOS, api=True,
               method="post", data=lambda a, c: {"person": c["member"], "relationship": "spouse"},
               ok_status=(201, 400), notes="400 for a later actor: the person already joined"),
    AccessCase("membership end", lambda a, c: f"/api/v1/household-memberships/{c['membership']}/end/",
               EDIT_DINAS_PEKSOS, api=True, method="post", data={"reason": "moved out"},
               url_names=("household-membership-end",)),
]


def _records(a, c):
    return f"/api/v1/persons/{c['person']}/"


def _fresh(kind):
    """setup: a new alias / disability / consent / merge for each actor, as the URL consumes it."""

    def setup(actors, context):
        from desaku.people import services
        from desaku.people.models import Person

        peksos = actors["peksos"]
        person = Person.objects.get(pk=context["person"])
        context["n"] = context.get("n", 0) + 1
        if kind == "alias":
            context["alias"] = services.add_alias(person=person, by=peksos, name=f"Lastri {context['n']}").pk
        elif kind == "disability":
            context["disability"] = services.add_disability(person=person, by=peksos, type="visual",
                                                            severity="light").pk
        elif kind == "consent":
            context["consent"] = services.record_consent(person=person, by=peksos, given_on=date(2025, 1, 2)).pk
        elif kind in ("merge_pair", "merge"):
            survivor = register(peksos, f"Suparman {context['n']}", sex="L", birth_year=1955)
            merged = register(peksos, f"Soeparman {context['n']}", sex="L", birth_year=1955)
            context["survivor"], context["merged"] = survivor.pk, merged.pk
            if kind == "merge":
                context["merge"] = services.merge_persons(survivor=survivor, merged=merged, by=actors["admin"],
                                                          reason="sama orangnya").pk

    return setup


MERGERS = frozenset({"admin", "kabid"})

MATRIX += [
    AccessCase("person aliases", lambda a, c: _records(a, c) + "aliases/", SEE_DINAS_PEKSOS, api=True,
               url_names=("person-alias-list",)),
    AccessCase("person add alias", lambda a, c: _records(a, c) + "aliases/", EDIT_DINAS_PEKSOS, api=True,
               method="post", data={"name": "Mbak Lastri"}, ok_status=(201,)),
    AccessCase("person alias", lambda a, c: _records(a, c) + f"aliases/{c['alias']}/", SEE_DINAS_PEKSOS, api=True,
               url_names=("person-alias-detail",)),
    AccessCase("person remove alias", lambda a, c: _records(a, c) + f"aliases/{c['alias']}/", EDIT_DINAS_PEKSOS,
               api=True, method="delete", data={"reason": "typo"}, ok_status=(204,), setup=_fresh("alias")),
    AccessCase("person disabilities", lambda a, c: _records(a, c) + "disabilities/", SEE_DINAS_PEKSOS, api=True,
               url_names=("person-disability-list",)),
    AccessCase("person add disability", lambda a, c: _records(a, c) + "disabilities/", EDIT_DINAS_PEKSOS,
               api=True, method="post", data={"type": "physical", "severity": "moderate"}, ok_status=(201,)),
    AccessCase("person disability", lambda a, c: _records(a, c) + f"disabilities/{c['disability']}/",
               SEE_DINAS_PEKSOS, api=True, url_names=("person-disability-detail",)),
    AccessCase("person change disability", lambda a, c: _records(a, c) + f"disabilities/{c['disability']}/",
               EDIT_DINAS_PEKSOS, api=True, method="patch", data={"severity": "severe"}),
    AccessCase("person remove disability", lambda a, c: _records(a, c) + f"disabilities/{c['disability']}/",
               EDIT_DINAS_PEKSOS, api=True, method="delete", data={"reason": "recorded in error"},
               ok_status=(204,), setup=_fresh("disability")),
    AccessCase("person photos", lambda a, c: _records(a, c) + "photos/", SEE_DINAS_PEKSOS, api=True,
               url_names=("person-photo-list",)),
    AccessCase("person upload photo", lambda a, c: _records(a, c) + "photos/", EDIT_DINAS_PEKSOS, api=True,
               method="post", data={"taken_on": "2025-01-02"}, ok_status=(400,),
               notes="JSON carries no file: the 400 names the image field, so access and scope passed "
                     "(uploads: test_people_records_api)"),
    AccessCase("person photo", lambda a, c: _records(a, c) + f"photos/{c['photo']}/", SEE_DINAS_PEKSOS, api=True,
               url_names=("person-photo-detail",)),
    AccessCase("person photo image", lambda a, c: _records(a, c) + f"photos/{c['photo']}/image/", SEE_DINAS_PEKSOS,
               api=True, url_names=("person-photo-image",)),
    AccessCase("person consents", lambda a, c: _records(a, c) + "consents/", SEE_DINAS_PEKSOS, api=True,
               url_names=("person-consent-list",)),
    AccessCase("person record consent", lambda a, c: _records(a, c) + "consents/", EDIT_DINAS_PEKSOS, api=True,
               method="post", data={"given_on": "2025-01-02", "witness": "Pak RT"}, ok_status=(201,)),
    AccessCase("person consent", lambda a, c: _records(a, c) + f"consents/{c['consent']}/", SEE_DINAS_PEKSOS,
               api=True, url_names=("person-consent-detail",)),
    AccessCase("person consent form", lambda a, c: _records(a, c) + f"consents/{c['consent']}/form/",
               SEE_DINAS_PEKSOS, api=True, url_names=("person-consent-form",)),
    AccessCase("person withdraw consent", lambda a, c: _records(a, c) + f"consents/{c['consent']}/withdraw/",
               EDIT_DINAS_PEKSOS, api=True, method="post", data={"reason": "asked to"}, setup=_fresh("consent"),
               url_names=("person-consent-withdraw",)),
    AccessCase("household update", _household, EDIT_DINAS_PEKSOS, api=True, method="patch",
               data={"address": "Jl. Kenanga 3", "reason": "moved"}),
    AccessCase("household change KK", lambda a, c: _household(a, c) + "change-kk/", EDIT_DINAS_PEKSOS, api=True,
               method="post", data={"no_kk": "3573011203150005", "reason": "new card"},
               url_names=("household-change-kk",)),
    AccessCase("household history", lambda a, c: _household(a, c) + "history/", SEE_DINAS_PEKSOS, api=True,
               url_names=("household-history",)),
    AccessCase("merges", "/api/v1/merges/", MERGERS, api=True, url_names=("merge-list",)),
    AccessCase("merge", lambda a, c: f"/api/v1/merges/{c['merge']}/", MERGERS, api=True, setup=_fresh("merge"),
               url_names=("merge-detail",)),
    AccessCase("merge two records", "/api/v1/merges/", MERGERS, api=True, method="post",
               data=lambda a, c: {"survivor": c["survivor"], "merged": c["merged"], "reason": "sama orangnya"},
               ok_status=(201,), setup=_fresh("merge_pair")),
    AccessCase("unmerge", lambda a, c: f"/api/v1/merges/{c['merge']}/unmerge/", MERGERS, api=True, method="post",
               data={"reason": "different people"}, setup=_fresh("merge"), url_names=("merge-unmerge",)),
]


def _context(actors) -> dict:
    from desaku.core.models import PPKSCategory
    from desaku.people import services

    peksos = actors["peksos"]
    person = register(peksos, "Sulastri Wahyuningsih", nik=WOMAN_NIK)
    member = register(peksos, "Bambang Priyanto", sex="L", birth_year=1968)
    free = register(peksos, "Rahmat Hidayat", sex="L", birth_year=1961)
    household = services.create_household(by=peksos, head=person)
    classification = services.classify(person=person, by=peksos, category=PPKSCategory.objects.get(code="PPKS-11"),
                                       valid_from=date(2024, 1, 1))
    records = _record_context(peksos, person)
    return {"person": person.pk, "member": member.pk, "free_person": free.pk, "household": household.pk,
            "membership": household.memberships.get().pk, "classification": classification.pk, **records}


def _record_context(peksos, person) -> dict:
    """An alias, a disability, a photo, a consent with its scanned form, and a merge of two other records."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from desaku.people import services
    from desaku.people.tests.test_access import png_bytes

    photo = services.add_photo(person=person, by=peksos, image=SimpleUploadedFile("a.png", png_bytes()),
                               taken_on=date(2025, 1, 2))
    consent = services.record_consent(person=person, by=peksos, given_on=date(2025, 1, 2),
                                      scanned_form=SimpleUploadedFile("c.pdf", b"%PDF-1.4 test"))
    return {"alias": services.add_alias(person=person, by=peksos, name="Lastri").pk,
            "disability": services.add_disability(person=person, by=peksos, type="physical", severity="light").pk,
            "photo": photo.pk, "consent": consent.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("case", MATRIX, ids=lambda c: c.name)
def test_access_matrix(case, actors):
    check_access(case, actors, _context(actors))
