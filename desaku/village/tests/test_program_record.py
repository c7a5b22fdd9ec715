"""The program record in the UI: a second site with its buildings and units, the site's land, funding and its
breakdown (parts never exceed the whole), stakeholders and selection rounds (the quota never below those
accepted). Only the Kepala Bidang, the Administrator and the site's program officer edit it."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from desaku.village import services_program
from desaku.village.models import Site, Unit
from desaku.village.tests.helpers import a_round, accepted, nominated, site


@pytest.mark.django_db
def test_a_second_site_is_added_in_the_ui_with_its_units(actors):
    client = Client()
    client.force_login(actors["kabid"])
    response = client.post(reverse("village:site_create"), {
        "code": "batu-2027", "name": "Desaku Menanti Batu", "address": "Jl. Oro-oro Ombo", "land_area_m2": "5000",
        "land_used_m2": "2000", "land_status": "leased", "buildings": "3", "units_per_building": "2",
        "active": "on"})
    new = Site.objects.get(code="batu-2027")
    assert response.status_code == 302 and response["Location"] == reverse("village:site_detail", args=[new.pk])
    assert (new.land_area_m2, new.land_used_m2, new.land_status) == (5000, 2000, "leased")
    assert sorted(Unit.objects.filter(building__site=new).values_list("number", flat=True)) == [
        "01A", "01B", "02A", "02B", "03A", "03B"]
    assert new.history.first().history_change_reason
    page = client.get(reverse("village:site_list"))
    assert page.content.count(b'data-testid="site-row"') == 2
    units = client.get(reverse("village:unit_list") + f"?site={new.pk}")
    assert units.content.count(b'data-testid="unit-row"') == 6


@pytest.mark.django_db
def test_land_used_cannot_exceed_the_land_area(actors):
    with pytest.raises(ValidationError) as exc:
        services_program.update_site(site=site(), by=actors["kabid"], land_area_m2=9000, land_used_m2=9500)
    assert "land_used_m2" in exc.value.error_dict
    updated = services_program.update_site(site=site(), by=actors["kabid"], land_area_m2=9000, land_used_m2=4500)
    assert Site.objects.get(pk=updated.pk).land_used_m2 == 4500


@pytest.mark.django_db
def test_the_program_officer_edits_only_their_own_site(actors):
    the_site = site()
    with pytest.raises(ValidationError):
        services_program.update_site(site=the_site, by=actors["operator"], address="Jl. Baru")
    services_program.update_site(site=the_site, by=actors["kabid"], program_officer=actors["operator"])
    services_program.update_site(site=Site.objects.get(pk=the_site.pk), by=actors["operator"], address="Jl. Baru")
    assert Site.objects.get(pk=the_site.pk).address == "Jl. Baru"
    with pytest.raises(ValidationError):  # a new site is the Kepala Bidang's
        services_program.create_site(by=actors["operator"], code="lain", name="Lain", address="x")
    client = Client()
    client.force_login(actors["peksos"])
    assert client.get(reverse("village:site_edit", args=[the_site.pk])).status_code == 403
    assert client.get(reverse("village:site_detail", args=[the_site.pk])).status_code == 200


@pytest.mark.django_db
def test_funding_parts_never_exceed_the_source(actors):
    by = actors["kabid"]
    grant = services_program.save_funding_line(site=site(), by=by, source_name="CSR Bank", purpose="Sarana umum",
                                               amount=Decimal("100000000"), year=2018)
    services_program.save_funding_line(site=site(), by=by, source_name="CSR Bank", purpose="Balai warga",
                                       amount=Decimal("60000000"), parent=grant)
    with pytest.raises(ValidationError) as exc:
        services_program.save_funding_line(site=site(), by=by, source_name="CSR Bank", purpose="Taman",
                                           amount=Decimal("40000001"), parent=grant)
    assert "amount" in exc.value.error_dict
    part = services_program.save_funding_line(site=site(), by=by, source_name="CSR Bank", purpose="Taman",
                                              amount=Decimal("40000000"), parent=grant)
    assert part.parent == grant and grant.parts.count() == 2
    with pytest.raises(ValidationError):  # the whole cannot shrink below its parts
        services_program.save_funding_line(site=site(), by=by, line=grant, source_name="CSR Bank",
                                           purpose="Sarana umum", amount=Decimal("90000000"))


@pytest.mark.django_db
def test_funding_and_stakeholders_through_the_ui(actors):
    client = Client()
    client.force_login(actors["kabid"])
    response = client.post(reverse("village:funding_create", args=[site().pk]), {
        "source_name": "APBD Kota Malang", "purpose": "Listrik dan air", "amount": "24000000", "year": "2017"})
    assert response.status_code == 302
    assert site().funding_lines.filter(purpose="Listrik dan air", amount=24000000).exists()
    response = client.post(reverse("village:stakeholder_create", args=[site().pk]), {
        "name": "Karang Taruna RW 07", "kind": "community", "role": "Pendampingan pemuda"})
    assert response.status_code == 302
    stakeholder = site().stakeholders.get(name="Karang Taruna RW 07")
    client.post(reverse("village:stakeholder_edit", args=[stakeholder.pk]), {
        "name": "Karang Taruna RW 07", "kind": "community", "role": "Kegiatan pemuda dan olahraga"})
    stakeholder.refresh_from_db()
    assert stakeholder.role == "Kegiatan pemuda dan olahraga"
    page = client.get(reverse("village:site_detail", args=[site().pk]))
    assert "Karang Taruna RW 07" in page.content.decode()


@pytest.mark.django_db
def test_a_round_quota_is_never_below_those_accepted(actors, lks_org):
    selection = a_round(quota=3)
    for i in range(2):
        accepted(nominated(selection, actors["operator"], name=f"Kepala {i}", birth_year=1960 + i), actors["peksos"],
                 lks_org, actors["kemensos"])
    with pytest.raises(ValidationError) as exc:
        services_program.save_round(site=site(), by=actors["kabid"], selection=selection, name=selection.name,
                                    year=2016, quota=1, opened_on=date(2016, 1, 1))
    assert "quota" in exc.value.error_dict
    saved = services_program.save_round(site=site(), by=actors["kabid"], selection=selection, name="Seleksi 2016",
                                        year=2016, quota=2, opened_on=date(2016, 1, 4), closed=True)
    assert (saved.quota, saved.closed, saved.opened_on) == (2, True, date(2016, 1, 4))
    client = Client()
    client.force_login(actors["kabid"])
    response = client.post(reverse("village:round_create", args=[site().pk]), {
        "name": "Seleksi 2018", "year": "2018", "quota": "4", "opened_on": "2018-02-01"})
    assert response.status_code == 302 and site().rounds.filter(name="Seleksi 2018", quota=4).exists()


@pytest.mark.django_db
def test_a_household_is_nominated_into_the_second_sites_round(actors):
    from desaku.village.tests.helpers import household

    by = actors["kabid"]
    batu = services_program.create_site(by=by, code="batu", name="Desaku Batu", address="Batu", buildings=1)
    a_round(name="Seleksi Malang")
    batu_round = services_program.save_round(site=batu, by=by, name="Seleksi Batu 2027", year=2027, quota=2,
                                             opened_on=date(2027, 1, 4))
    family = household(actors["operator"], "Warga Batu", birth_year=1980)
    client = Client()
    client.force_login(actors["operator"])
    response = client.post(reverse("village:candidate_nominate"), {
        "round": batu_round.pk, "household": family.pk, "source": "direct"})
    assert response.status_code == 302
    assert family.village_candidacies.get().round == batu_round


@pytest.mark.django_db
def test_a_units_condition_is_edited_with_history(actors):
    from desaku.village.tests.helpers import unit

    house = unit("06A")
    client = Client()
    client.force_login(actors["operator"])
    response = client.post(reverse("village:unit_edit", args=[house.pk]), {
        "condition": "major", "note": "Atap bocor", "reason": "Laporan warga"})
    assert response.status_code == 302
    house.refresh_from_db()
    assert (house.condition, house.note) == ("major", "Atap bocor")
    assert house.history.first().history_change_reason == "Laporan warga"
    client.force_login(actors["lks_a"])
    assert client.get(reverse("village:unit_edit", args=[house.pk])).status_code == 403


@pytest.mark.django_db
def test_sessions_and_enterprises_belong_to_the_households_site(actors, lks_org):
    from desaku.village import services

    by = actors["kabid"]
    batu = services_program.create_site(by=by, code="batu", name="Desaku Batu", address="Batu", buildings=1)
    batu_round = services_program.save_round(site=batu, by=by, name="Seleksi Batu", year=2025, quota=2,
                                             opened_on=date(2025, 1, 4))
    candidate = accepted(nominated(batu_round, actors["operator"], name="Warga Batu", birth_year=1981),
                         actors["peksos"], lks_org, actors["kemensos"])
    services.allocate(candidate=candidate, unit=Unit.objects.get(building__site=batu, number="01A"),
                      by=actors["operator"], on=date(2025, 3, 1))
    household = candidate.household
    client = Client()
    client.force_login(actors["operator"])
    client.post(reverse("village:session_create"), {"kind": "social", "held_on": "2025-03-10",
                                                    "topic": "Kebersihan", "households": [household.pk]})
    client.post(reverse("village:enterprise_create"), {"name": "Keripik Apel Batu", "kind": "household",
                                                       "households": [household.pk]})
    from desaku.village.models import Enterprise, MentoringSession

    assert MentoringSession.objects.get(topic="Kebersihan").site == batu
    assert Enterprise.objects.get(name="Keripik Apel Batu").site == batu
