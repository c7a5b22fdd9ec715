"""The PSKS directory: LKS registration and accreditation, PSKS categories, members and their terms."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from desaku.community import services
from desaku.community.models import CommunityActivity, Membership
from desaku.community.tests.helpers import group
from desaku.people import merging
from desaku.people.tests.factories import make_person


@pytest.mark.django_db
def test_an_lks_keeps_its_registration_and_accreditation(actors):
    kabid = actors["kabid"]
    lks = services.create_organisation(by=kabid, kind="lks", name="LKS Bina Difabel", registration_number="460/9",
                                       accreditation="A", accredited_on=date(2025, 2, 1))
    assert lks.psks_category.code == "PSKS-04"
    with pytest.raises(ValidationError):
        services.create_organisation(by=kabid, kind="lks", name="LKS Tanpa Tanggal", accreditation="B")
    with pytest.raises(ValidationError):
        services.create_organisation(by=kabid, kind="karang_taruna", name="Karang Taruna", accreditation="A",
                                     accredited_on=date(2025, 2, 1))


@pytest.mark.django_db
def test_only_the_secretariat_keeps_the_directory(actors):
    for actor in ("lks_a", "peksos"):
        with pytest.raises(ValidationError):
            services.create_organisation(by=actors[actor], kind="wksbm", name="WKSBM")
    with pytest.raises(ValidationError):
        services.create_volunteer(by=actors["lks_a"], kind="psm", full_name="Sri", phone="0812")


@pytest.mark.django_db
def test_a_volunteer_has_a_contact_and_a_psks_category(actors):
    kabid = actors["kabid"]
    with pytest.raises(ValidationError):
        services.create_volunteer(by=kabid, kind="tksk", full_name="Agus")
    volunteer = services.create_volunteer(by=kabid, kind="tksk", full_name="Agus", phone="0812")
    assert volunteer.psks_category.short_name == "TKSK"


@pytest.mark.django_db
def test_members_belong_to_karang_werdha_and_komda_only(actors):
    kabid = actors["kabid"]
    lks = services.create_organisation(by=kabid, kind="lks", name="LKS A")
    with pytest.raises(ValidationError):
        services.add_member(group=lks, by=kabid, name="Pak A", term_start=date(2026, 1, 1))
    komda = group(kabid, name="KOMDA Lansia", kind="komda_lansia")
    services.add_member(group=komda, by=kabid, name="Wakil Wali Kota", role="chair", term_start=date(2026, 1, 1))
    assert komda.memberships.count() == 1


@pytest.mark.django_db
def test_a_member_is_a_registry_person_or_a_name_with_a_sound_term(actors):
    kabid = actors["kabid"]
    kw = group(kabid)
    elder = make_person(kabid, "Mbah Karto", birth_year=1950)
    for kwargs in ({}, {"person": elder, "name": "Karto"},
                   {"name": "Pak A", "term_end": date(2025, 1, 1)}):
        with pytest.raises(ValidationError):
            services.add_member(group=kw, by=kabid, term_start=date(2026, 1, 1), **kwargs)
    services.add_member(group=kw, by=kabid, person=elder, term_start=date(2026, 1, 1))
    with pytest.raises(ValidationError):  # the same person twice in the same term
        services.add_member(group=kw, by=kabid, person=elder, term_start=date(2026, 6, 1))


@pytest.mark.django_db
def test_one_chair_at_a_time(actors):
    kabid = actors["kabid"]
    kw = group(kabid)
    first = services.add_member(group=kw, by=kabid, name="Bu Sulastri", role="chair", term_start=date(2024, 1, 1))
    with pytest.raises(ValidationError):
        services.add_member(group=kw, by=kabid, name="Pak Harsono", role="chair", term_start=date(2026, 1, 1))
    services.end_membership(membership=first, by=kabid, term_end=date(2025, 12, 31))
    services.add_member(group=kw, by=kabid, name="Pak Harsono", role="chair", term_start=date(2026, 1, 1))
    assert kw.memberships.filter(role="chair").count() == 2


@pytest.mark.django_db
def test_person_references_are_registered_for_merging():
    assert (Membership, "person") in merging.references()
    assert (CommunityActivity, "participants") in merging.m2m_references()


@pytest.mark.django_db
def test_member_names_outside_the_scope_are_hidden(actors, client):
    kabid = actors["kabid"]
    kw = group(kabid)
    hidden = make_person(actors["lks_a"], "Mbah Rahasia", birth_year=1945)
    services.add_member(group=kw, by=kabid, person=hidden, term_start=date(2026, 1, 1))
    client.force_login(actors["lks_b"])
    page = client.get(f"/community/organisations/{kw.pk}/").content.decode()
    assert "Mbah Rahasia" not in page
