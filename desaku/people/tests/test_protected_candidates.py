"""A protected child (people.identity) among duplicate candidates and household search results is shown to
users who may not see the identity as initials: no name, NIK, aliases, birth data or match reasons (they
would tell the child's birth date or mother's name), and no "same person" / "merge" action."""

from datetime import date

import pytest
from django.urls import reverse

from desaku.people import identity, selectors, services
from desaku.people.tests.factories import make_person, nik_for

pytestmark = pytest.mark.django_db

CHILD = "Budi Santoso"
CHILD_NIK = nik_for(date(2010, 5, 4), serial=7)


@pytest.fixture
def protected(actors):
    """Budi is a protected child: only kabid may see who he is."""
    allowed = actors["kabid"]

    def provider(user, person_ids):
        from desaku.people.models import Person

        if user == allowed:
            return set()
        return set(Person.objects.filter(pk__in=person_ids, full_name=CHILD).values_list("pk", flat=True))

    identity.register(provider)
    child = make_person(actors["operator"], CHILD, birth_date=date(2010, 5, 4), nik=CHILD_NIK,
                        mother_name="Sumirah", aliases=["Bubud"], domicile_address="Jl. Melati 5")
    yield child
    identity._PROVIDERS.remove(provider)


def entered():
    return {"full_name": "Budi Santosa", "sex": "L", "birth_date": date(2010, 5, 4), "birth_year": 2010,
            "birth_date_quality": "exact", "mother_name": "Sumirah"}


def assert_no_identity(html):
    for secret in (CHILD, "Bubud", "Sumirah", "Jl. Melati", "2010", "Ibu", "Tanggal lahir"):
        assert secret not in html, secret


def test_the_report_masks_the_child_for_others(actors, protected):
    report = selectors.duplicate_report(data=entered(), user=actors["operator"])
    [(person, score, reasons)] = report.matches
    assert person.pk == protected.pk and person.identity_hidden and score > 0.5
    assert (person.full_name, person.nik_masked, person.birth_date, person.mother_name) == ("B. S.", "", None, "")
    assert reasons == [] and list(person.aliases.all()) == []


def test_the_report_shows_the_child_to_those_allowed(actors, protected):
    report = selectors.duplicate_report(data=entered(), user=actors["kabid"])
    [(person, _score, reasons)] = report.matches
    assert person.full_name == CHILD and not person.identity_hidden and reasons


def test_registration_warning_shows_initials_without_the_link(client, actors, protected):
    client.force_login(actors["operator"])
    response = client.post(reverse("people:register"), {
        "full_name": "Budi Santosa", "name_quality": "full", "sex": "L", "birth_date_quality": "exact",
        "birth_date": "2010-05-04", "mother_name": "Sumirah", "nik": "", "no_kk": "", "aliases": ""})
    assert response.status_code == 200
    html = response.content.decode()
    card = html[html.index('data-testid="duplicate-candidates"'):]
    assert 'data-testid="candidate-restricted"' in card and "B. S." in card
    assert f"link-existing-{protected.pk}" not in card
    assert CHILD not in card and "Bubud" not in card and protected.nik_masked not in card
    assert 'data-testid="reason-' not in card


def test_live_check_shows_initials(client, actors, protected):
    client.force_login(actors["operator"])
    response = client.get(reverse("people:duplicate_check"), {
        "full_name": "Budi Santosa", "sex": "L", "birth_date": "2010-05-04", "mother_name": "Sumirah"})
    html = response.content.decode()
    assert 'data-testid="candidate-restricted"' in html and "B. S." in html
    assert_no_identity(html.replace('value="Sumirah"', ""))
    assert f"link-existing-{protected.pk}" not in html


def test_duplicates_page_shows_initials_without_merge(client, actors, protected):
    other = make_person(actors["operator"], "Budi Santosa", birth_date=date(2010, 5, 4), mother_name="Sumirah")
    client.force_login(actors["admin"])  # may merge; the provider hides the child from everyone but kabid
    response = client.get(reverse("people:duplicates", args=[other.pk]))
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="candidate-restricted"' in html
    assert CHILD not in html and "Bubud" not in html
    assert reverse("people:merge", args=[other.pk, protected.pk]) not in html
    client.force_login(actors["kabid"])
    html = client.get(reverse("people:duplicates", args=[other.pk])).content.decode()
    assert CHILD in html and reverse("people:merge", args=[other.pk, protected.pk]) in html


def test_household_member_search_masks_the_child(client, actors, protected):
    head = make_person(actors["operator"], "Sumirah", sex="P", birth_year=1985)
    household = services.create_household(by=actors["operator"], head=head)
    client.force_login(actors["operator"])
    response = client.get(reverse("people:household_add_member", args=[household.pk]), {"q": "Budi Santosa"})
    html = response.content.decode()
    assert response.status_code == 200 and "B. S." in html and CHILD not in html
    assert protected.nik_masked not in html


def test_merge_list_masks_the_child(client, actors, protected):
    twin = make_person(actors["operator"], "Santoso Bud", birth_date=date(2010, 5, 4))
    services.merge_persons(survivor=protected, merged=twin, by=actors["kabid"], reason="same boy")
    client.force_login(actors["admin"])
    html = client.get(reverse("people:merge_list")).content.decode()
    assert "B. S." in html and CHILD not in html
