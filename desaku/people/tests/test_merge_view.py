"""Supervisors find duplicates, compare and merge two records, and undo a merge."""

from datetime import date

import pytest
from django.urls import reverse

from desaku.core.models import PPKSCategory
from desaku.people import services
from desaku.people.models import Merge, Person
from desaku.people.tests.factories import make_person, nik_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(actors):
    first = make_person(actors["peksos"], "Dewi Anggraini", sex="P", birth_year=1990)
    second = make_person(actors["operator"], "Dewi Anggraeni", sex="P", birth_year=1990, aliases=["Mbak Dew"])
    services.classify(person=second, by=actors["operator"], category=PPKSCategory.objects.get(number=12),
                      valid_from=date(2025, 1, 1))
    return first, second


@pytest.fixture
def supervisor(client, actors):
    client.force_login(actors["kabid"])
    return client


def test_the_duplicates_page_ranks_candidates(supervisor, twins):
    first, second = twins
    response = supervisor.get(reverse("people:duplicates", args=[first.pk]))
    assert response.status_code == 200
    assert [p for p, _score, _reasons in response.context["report"].matches] == [second]
    assert reverse("people:merge", args=[first.pk, second.pk]) in response.content.decode()


def test_the_merge_page_compares_side_by_side(supervisor, twins):
    first, second = twins
    response = supervisor.get(reverse("people:merge", args=[first.pk, second.pk]))
    rows = {str(row["label"]): row for row in response.context["rows"]}
    assert any(row["differs"] and row["a"] == "Dewi Anggraini" for row in rows.values())
    assert list(response.context["b_classes"])[0].category.number == 12


def test_merge_moves_everything_and_unmerge_brings_it_back(supervisor, twins, client):
    first, second = twins
    response = supervisor.post(reverse("people:merge", args=[first.pk, second.pk]), {
        "survivor": str(first.pk), "reason": "foto dan ibu kandung sama"})
    assert response.status_code == 302 and response["Location"] == reverse("people:detail", args=[first.pk])
    second.refresh_from_db()
    assert second.merged_into == first
    assert set(first.aliases.values_list("name", flat=True)) == {"Mbak Dew"}
    assert first.classifications.count() == 1
    assert supervisor.get(reverse("people:detail", args=[second.pk])).status_code == 404
    record = Merge.objects.get()
    listing = supervisor.get(reverse("people:merge_list"))
    assert list(listing.context["page"]) == [record]
    assert supervisor.post(reverse("people:unmerge", args=[record.pk]), {"reason": ""}).status_code == 200
    response = supervisor.post(reverse("people:unmerge", args=[record.pk]), {"reason": "ternyata beda orang"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.merged_into is None and list(second.aliases.values_list("name", flat=True)) == ["Mbak Dew"]
    assert not first.aliases.exists()
    assert supervisor.get(reverse("people:unmerge", args=[record.pk])).status_code == 404  # undone already


def test_the_other_record_can_be_the_one_kept(supervisor, twins):
    first, second = twins
    supervisor.post(reverse("people:merge", args=[first.pk, second.pk]), {"survivor": str(second.pk),
                                                                         "reason": "sama"})
    first.refresh_from_db()
    assert first.merged_into == second


def test_a_merge_needs_a_reason_and_a_known_survivor(supervisor, twins):
    first, second = twins
    url = reverse("people:merge", args=[first.pk, second.pk])
    assert "reason" in supervisor.post(url, {"survivor": str(first.pk), "reason": ""}).context["form"].errors
    assert "survivor" in supervisor.post(url, {"survivor": "999999", "reason": "x"}).context["form"].errors
    assert not Merge.objects.exists()


def test_records_with_different_niks_are_not_merged(supervisor, actors):
    a = make_person(actors["peksos"], "Joko Susilo", nik=nik_for(date(1980, 1, 1)), birth_date=date(1980, 1, 1))
    b = make_person(actors["peksos"], "Djoko Soesilo", nik=nik_for(date(1980, 1, 1), serial=2),
                    birth_date=date(1980, 1, 1))
    response = supervisor.post(reverse("people:merge", args=[a.pk, b.pk]), {"survivor": str(a.pk), "reason": "x"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert Person.objects.filter(merged_into__isnull=False).count() == 0


def test_a_record_cannot_be_merged_with_itself_or_outside_the_scope(supervisor, actors, twins):
    first, _second = twins
    assert supervisor.get(reverse("people:merge", args=[first.pk, first.pk])).status_code == 404
    outsider = make_person(actors["lks_a"], "Dewi Anggraeny", sex="P", birth_year=1990)
    assert supervisor.get(reverse("people:merge", args=[first.pk, outsider.pk])).status_code == 404


def test_workers_cannot_merge(client, actors, twins):
    first, second = twins
    client.force_login(actors["peksos"])
    response = client.post(reverse("people:merge", args=[first.pk, second.pk]), {"survivor": str(first.pk),
                                                                                  "reason": "x"})
    assert response.status_code == 403 and not Merge.objects.exists()
