"""Dispositions: proposed by the Peksos, approved by a Kepala Bidang, one per stay."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from desaku.core.models import Institution
from desaku.outreach import services
from desaku.outreach.models import OutreachReferral

pytestmark = pytest.mark.django_db


@pytest.fixture
def stay(camp, person, actors):
    return services.admit(person=person, shelter=camp, by=actors["penjangkauan"], admitted_on=date(2026, 11, 2),
                          responsible_worker=actors["peksos"])


def test_returned_to_family_needs_the_receiver(stay, actors):
    with pytest.raises(ValidationError) as error:
        services.propose_disposition(stay=stay, by=actors["peksos"], kind="returned")
    assert {"receiver_name", "receiver_relationship", "receiver_address"} <= set(error.value.error_dict)


def test_approval_ends_the_stay_and_maps_the_exit(stay, actors):
    disposition = services.propose_disposition(
        stay=stay, by=actors["peksos"], kind="returned", decided_on=date(2026, 11, 6), receiver_name="Sumiati",
        receiver_relationship="ibu", receiver_address="Desa Sumberpucung, Kab. Malang")
    assert disposition.exit_destination.code == "family_permanent"
    with pytest.raises(ValidationError):
        services.approve_disposition(disposition=disposition, by=actors["peksos"])
    services.approve_disposition(disposition=disposition, by=actors["kabid"], note="setuju")
    stay.refresh_from_db()
    assert stay.status == "closed" and stay.ended_on == date(2026, 11, 6)
    with pytest.raises(ValidationError):
        services.propose_disposition(stay=stay, by=actors["peksos"], kind="absconded")


def test_one_pending_disposition_and_send_back(stay, actors):
    first = services.propose_disposition(stay=stay, by=actors["peksos"], kind="absconded")
    with pytest.raises(ValidationError):
        services.propose_disposition(stay=stay, by=actors["peksos"], kind="absconded")
    services.send_back_disposition(disposition=first, by=actors["kabid"], note="cek CCTV dulu")
    second = services.propose_disposition(stay=stay, by=actors["peksos"], kind="released", conditions="wajib lapor")
    services.approve_disposition(disposition=second, by=actors["kabid"])
    with pytest.raises(ValidationError):
        services.approve_disposition(disposition=first, by=actors["kabid"])


def test_referral_disposition_creates_a_referral(stay, actors):
    upt = Institution.objects.get(short_name="UPT Gepeng Sidoarjo")
    disposition = services.propose_disposition(stay=stay, by=actors["peksos"], kind="referred", institution=upt,
                                               notes="rehabilitasi sosial")
    services.approve_disposition(disposition=disposition, by=actors["kabid"])
    from desaku.cases.models import Referral

    referral = Referral.objects.get(disposition_id=disposition.pk)
    assert referral.institution == upt and referral.person == stay.person and referral.status == "sent"
    assert not OutreachReferral.objects.exists()  # legacy model, no longer written


def test_death_is_recorded_on_the_person(stay, actors):
    disposition = services.propose_disposition(stay=stay, by=actors["peksos"], kind="deceased",
                                               decided_on=date(2026, 11, 4))
    services.approve_disposition(disposition=disposition, by=actors["kabid"])
    stay.person.refresh_from_db()
    assert stay.person.date_of_death == date(2026, 11, 4)
