"""The export of the merge list: the merges whose two records the user may both see (as on the page), and a
protected child among them shows with initials for a merger who may not see the identity."""

import pytest
from django.urls import reverse

from desaku.people import identity, services
from desaku.people.tests.factories import make_person
from desaku.reports.tests.export_checks import client_for, page_items, rows_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def merges(actors):
    operator, kabid, lks = actors["operator"], actors["kabid"], actors["lks_a"]
    services.merge_persons(survivor=make_person(operator, "Budi Santoso"), merged=make_person(operator, "Budi S."),
                           by=kabid, reason="=same man")
    child = make_person(operator, "Rafi Ardiansyah")
    services.merge_persons(survivor=child, merged=make_person(operator, "Rafi A"), by=kabid, reason="sama")
    services.merge_persons(survivor=make_person(lks, "Paijo"), merged=make_person(lks, "Paijo LKS"),
                           by=actors["admin"], reason="LKS")
    return child


def test_merge_export_is_the_merge_list(actors, merges, monkeypatch):
    client = client_for(actors["kabid"])
    rows = rows_of(client.get(reverse("people:export_merges")))
    assert [r[0] for r in rows] == [m.pk for m in page_items(client.get(reverse("people:merge_list")))]
    kept = {r[3] for r in rows}
    assert {"Budi Santoso", "Rafi Ardiansyah"} <= kept
    assert "'=same man" in [r[7] for r in rows]
    monkeypatch.setattr(identity, "_PROVIDERS", [lambda user, ids: {merges.pk} & set(ids)])
    rows = rows_of(client.get(reverse("people:export_merges")))
    assert "R. A." in {r[3] for r in rows} and "Rafi Ardiansyah" not in {r[3] for r in rows}
    assert client_for(actors["operator"]).get(reverse("people:export_merges")).status_code == 403
