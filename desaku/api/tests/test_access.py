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
def _fast_static(settings):
    fast_static_files(settings)


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
    return {"person": person.pk, "member": member.pk, "free_person": free.pk, "household": household.pk,
            "membership": household.memberships.get().pk, "classification": classification.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("case", MATRIX, ids=lambda c: c.name)
def test_access_matrix(case, actors):
    check_access(case, actors, _context(actors))
