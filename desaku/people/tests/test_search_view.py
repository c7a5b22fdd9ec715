"""The registry list: one search box (NIK, spelling-tolerant name, alias, year, kelurahan), htmx, scope."""

from datetime import date

import pytest
from django.urls import reverse

from desaku.people.tests.factories import make_person, nik_for

pytestmark = pytest.mark.django_db


def names(response):
    return [person.full_name for person, _categories, _age in response.context["rows"]]


@pytest.fixture
def worker(client, actors):
    client.force_login(actors["peksos"])
    return client


def test_a_name_finds_other_spellings_and_aliases(worker, actors):
    make_person(actors["peksos"], "Achmad Sutrisno", birth_year=1975, aliases=["Cak Tris"])
    make_person(actors["peksos"], "Siti Aminah", sex="P")
    assert names(worker.get(reverse("people:list"), {"q": "Ahmad Sutrisna"})) == ["Achmad Sutrisno"]
    assert names(worker.get(reverse("people:list"), {"q": "Cak Tris"})) == ["Achmad Sutrisno"]


def test_a_nik_finds_exactly_one_person_and_shows_it_masked(worker, actors):
    nik = nik_for(date(1975, 5, 17))
    make_person(actors["peksos"], "Achmad Sutrisno", nik=nik, birth_date=date(1975, 5, 17))
    make_person(actors["peksos"], "Achmad Sutrisna", birth_year=1975)
    response = worker.get(reverse("people:list"), {"q": nik})
    assert names(response) == ["Achmad Sutrisno"]
    results = worker.get(reverse("people:list"), {"q": nik}, headers={"HX-Request": "true"}).content.decode()
    assert "3573********0001" in results and nik not in results


def test_birth_year_and_kelurahan_narrow_the_search(worker, actors):
    make_person(actors["peksos"], "Budi Santoso", birth_year=1975, domicile_kelurahan_id="35.73.03.1012")
    make_person(actors["peksos"], "Budi Santoso", birth_year=1990)
    assert names(worker.get(reverse("people:list"), {"q": "Budi 1990"})) == ["Budi Santoso"]
    response = worker.get(reverse("people:list"), {"q": "Budi Tlogowaru"})
    assert [p.birth_year for p, _c, _a in response.context["rows"]] == [1975]


def test_typing_gets_a_partial_for_htmx(worker, actors):
    make_person(actors["peksos"], "Achmad Sutrisno", birth_year=1975)
    response = worker.get(reverse("people:list"), {"q": "Sutrisno"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "Achmad Sutrisno" in html and "<html" not in html
    full = worker.get(reverse("people:list"), {"q": "Sutrisno"})
    assert "<html" in full.content.decode() and 'hx-trigger="input changed delay:300ms, search"' in \
        full.content.decode()


def test_results_respect_the_scope(client, actors):
    make_person(actors["lks_a"], "Yanto Gepeng")
    client.force_login(actors["lks_b"])
    assert names(client.get(reverse("people:list"), {"q": "Yanto"})) == []
    assert names(client.get(reverse("people:list"))) == []
    client.force_login(actors["lks_a"])
    assert names(client.get(reverse("people:list"), {"q": "Yanto"})) == ["Yanto Gepeng"]


def test_the_list_is_paginated(worker, actors):
    for number in range(30):
        make_person(actors["peksos"], f"Warga Nomor {number}", birth_year=1950 + number)
    first = worker.get(reverse("people:list"))
    assert len(names(first)) == 25 and first.context["page"].paginator.count == 30
    assert len(names(worker.get(reverse("people:list"), {"page": 2}))) == 5


def test_no_fixed_abode_and_current_categories_are_shown(worker, actors):
    from desaku.core.models import PPKSCategory
    from desaku.people import services

    person = make_person(actors["peksos"], "Paimo", no_fixed_abode=True)
    services.classify(person=person, by=actors["peksos"], category=PPKSCategory.objects.get(number=11),
                      valid_from=date(2025, 1, 1))
    response = worker.get(reverse("people:list"), {"q": "Paimo"})
    [(shown, categories, _age)] = response.context["rows"]
    assert shown == person and [c.number for c in categories] == [11]
