"""The referral list and the team caseload export with the page's filters and scope (another organisation's
rows absent), as many rows as the page across all its pages, and the team export only for supervisors."""

import pytest
from django.urls import reverse

from desaku.cases import services
from desaku.cases.tests.helpers import institution, opened
from desaku.people.tests.factories import make_person
from desaku.reports.tests.export_checks import client_for, page_total, rows_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def referrals(actors):
    peksos, lks = actors["peksos"], actors["lks_a"]
    sent = services.create_referral(case=opened(make_person(peksos, "Sugeng Riyadi"), peksos), by=peksos,
                                    institution=institution(), reason="Rehabilitasi")
    services.advance_referral(referral=sent, by=peksos, action="send")
    services.create_referral(case=opened(make_person(peksos, "Wartini"), peksos), by=peksos,
                             internal_service="Bidang Linjamsos", reason="@SUM(A1)")
    services.create_referral(case=opened(make_person(lks, "Paijo LKS"), lks), by=lks,
                             internal_service="Bidang Rehsos", reason="LKS")


def test_referrals_export_follows_filters_and_scope(actors, referrals):
    client = client_for(actors["kabid"])
    rows = rows_of(client.get(reverse("cases:export_referrals")))
    names = sorted(r[3] for r in rows)
    assert names == ["Sugeng Riyadi", "Wartini"]  # LKS A's referral is not the Dinas's
    assert len(rows) == page_total(client.get(reverse("cases:referral_list")))
    assert "'@SUM(A1)" in [r[12] for r in rows]
    rows = rows_of(client.get(reverse("cases:export_referrals"), {"status": "sent"}))
    assert [r[3] for r in rows] == ["Sugeng Riyadi"]
    assert len(rows) == page_total(client.get(reverse("cases:referral_list"), {"status": "sent"}))
    lks_rows = rows_of(client_for(actors["lks_a"]).get(reverse("cases:export_referrals")))
    assert [r[3] for r in lks_rows] == ["Paijo LKS"]


def test_team_export_is_the_team_table(actors, referrals):
    rows = rows_of(client_for(actors["kabid"]).get(reverse("cases:export_team")))
    peksos = actors["peksos"]
    row = next(r for r in rows if r[0] == (peksos.get_full_name() or peksos.username))
    assert row[-3] == 2  # total: the Peksos's two cases; LKS A's worker is outside the Kabid's organisation
    assert not any(r[0] == (actors["lks_a"].get_full_name() or actors["lks_a"].username) for r in rows)
    assert client_for(peksos).get(reverse("cases:export_team")).status_code == 403


def test_caseload_export_is_my_caseload_unless_all(actors, referrals):
    peksos = actors["peksos"]
    opened(make_person(actors["operator"], "Kasus Operator"), actors["operator"])
    client = client_for(peksos)
    mine = rows_of(client.get(reverse("cases:export")))
    assert len(mine) == page_total(client.get(reverse("cases:caseload")))
    everything = rows_of(client.get(reverse("cases:export"), {"all": "1"}))
    assert len(everything) == page_total(client.get(reverse("cases:caseload"), {"all": "1"}))


def test_a_household_case_names_its_head_masked_when_protected(actors, monkeypatch):
    from desaku.people import identity
    from desaku.people import services as people_services

    peksos = actors["peksos"]
    head = make_person(peksos, "Rafi Ardiansyah", birth_year=2009)
    household = people_services.create_household(by=peksos, head=head)
    services.open_case(household=household, case_type="other", by=peksos, worker=peksos)
    client = client_for(peksos)
    assert "Rafi Ardiansyah" in str(rows_of(client.get(reverse("cases:export"))))
    monkeypatch.setattr(identity, "_PROVIDERS", [lambda user, ids: {head.pk} & set(ids)])
    rows = rows_of(client.get(reverse("cases:export")))
    assert "Rafi Ardiansyah" not in str(rows) and identity.initials("Rafi Ardiansyah") in str(rows)
