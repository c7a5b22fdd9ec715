"""Disposition: proposed by the Peksos with the details of its kind, approved or sent back by a Kepala
Bidang, then the letter: a numbered PDF, logged when printed, verifiable without personal data."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from desaku.core.models import AccessLogEntry
from desaku.outreach import services
from desaku.outreach.models import Disposition
from desaku.outreach.tests.helpers import RETURNED, admitted, approved, fake_letter, today

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture
def stay(person, actors):
    return admitted(person, actors["penjangkauan"], worker=actors["peksos"], on=today() - timedelta(days=4))


def login(client, user):
    client.force_login(user)
    return client


def messages_of(response):
    return [m.level_tag for m in get_messages(response.wsgi_request)]


def test_the_kind_decides_which_details_are_required(client, actors, stay):
    url = reverse("outreach:disposition_propose", args=[stay.pk])
    response = login(client, actors["peksos"]).post(url, {"kind": "returned", "decided_on": str(today())})
    assert response.status_code == 200
    assert {"receiver_name", "receiver_relationship", "receiver_address"} <= set(response.context["form"].errors)
    response = client.post(url, {"decided_on": str(today()), **RETURNED})
    assert response.status_code == 302
    disposition = Disposition.objects.get()
    assert (disposition.status, disposition.receiver_name, disposition.exit_destination.code) == (
        "proposed", "Sumiati", "family_permanent")


def test_repatriation_takes_the_origin_and_the_travel(client, actors, stay):
    response = login(client, actors["peksos"]).post(reverse("outreach:disposition_propose", args=[stay.pk]), {
        "kind": "repatriated", "decided_on": str(today()), "destination_region": "35.14",
        "travel_arrangement": "Diantar petugas", "exit_destination": ""})
    assert response.status_code == 302
    assert Disposition.objects.get().destination_region_id == "35.14"


def test_the_kepala_bidang_sees_the_queue_and_a_peksos_cannot_approve(client, actors, stay):
    disposition = services.propose_disposition(stay=stay, by=actors["peksos"], kind="absconded")
    queue = login(client, actors["kabid"]).get(reverse("outreach:pending_dispositions"))
    assert queue.context["pending"] == [disposition] and queue.context["can_approve"]
    assert f'data-testid="approve-{disposition.pk}"' in queue.content.decode()
    response = login(client, actors["peksos"]).post(reverse("outreach:disposition_approve", args=[disposition.pk]))
    assert response.status_code == 302 and "error" in messages_of(response)
    disposition.refresh_from_db()
    assert disposition.status == "proposed"


def test_approval_ends_the_stay(client, actors, stay):
    disposition = services.propose_disposition(stay=stay, by=actors["peksos"], kind="absconded")
    queue = reverse("outreach:pending_dispositions")
    response = login(client, actors["kabid"]).post(reverse("outreach:disposition_approve", args=[disposition.pk]),
                                                   {"note": "setuju", "next": queue})
    assert response.status_code == 302 and response["Location"] == queue
    disposition.refresh_from_db()
    stay.refresh_from_db()
    assert disposition.status == "approved" and disposition.approved_by == actors["kabid"]
    assert stay.status == "closed" and disposition.letter is None  # absconded: no letter


def test_send_back_needs_a_note(client, actors, stay):
    disposition = services.propose_disposition(stay=stay, by=actors["peksos"], kind="absconded")
    url = reverse("outreach:disposition_send_back", args=[disposition.pk])
    response = login(client, actors["kabid"]).post(url, {"note": ""})
    assert "error" in messages_of(response)
    client.post(url, {"note": "cek CCTV dulu"})
    disposition.refresh_from_db()
    assert disposition.status == "rejected" and disposition.review_note == "cek CCTV dulu"
    page = login(client, actors["peksos"]).get(reverse("outreach:stay_detail", args=[stay.pk]))
    assert page.context["pending"] is None and 'data-testid="propose-link"' in page.content.decode()


def test_approving_a_return_issues_the_letter_and_printing_is_logged(client, actors, stay):
    disposition = services.propose_disposition(stay=stay, by=actors["peksos"], **RETURNED)
    login(client, actors["kabid"]).post(reverse("outreach:disposition_approve", args=[disposition.pk]))
    disposition.refresh_from_db()
    letter = disposition.letter
    assert letter is not None and letter.letter_type.code == "OUT-BAST"
    response = login(client, actors["peksos"]).get(reverse("outreach:disposition_letter", args=[disposition.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    entry = AccessLogEntry.objects.get(action="print")
    assert entry.model_label == "people.Person" and entry.object_id == str(stay.person_id)
    assert letter.number in entry.detail
    verify = Client().get(reverse("letter_verify", args=[letter.verification_token]))
    assert verify.status_code == 200 and letter.number in verify.content.decode()
    assert stay.person.full_name not in verify.content.decode()


def test_no_letter_for_kinds_without_one_nor_before_approval(client, actors, stay):
    pending = services.propose_disposition(stay=stay, by=actors["peksos"], **RETURNED)
    login(client, actors["kabid"])
    assert client.get(reverse("outreach:disposition_letter", args=[pending.pk])).status_code == 404
    services.send_back_disposition(disposition=pending, by=actors["kabid"], note="ganti")
    absconded = approved(stay, actors["peksos"], actors["kabid"])
    assert client.get(reverse("outreach:disposition_letter", args=[absconded.pk])).status_code == 404


def test_read_only_roles_print_only_issued_letters(client, actors, person, stay):
    disposition = approved(stay, actors["peksos"], actors["kabid"], **RETURNED)
    url = reverse("outreach:disposition_letter", args=[disposition.pk])
    assert login(client, actors["auditor"]).get(url).status_code == 404  # not issued yet: an auditor cannot issue
    fake_letter(disposition, actors["kabid"])
    assert client.get(url).status_code == 200


def test_the_dispositions_list_filters_by_status(client, actors, stay):
    services.propose_disposition(stay=stay, by=actors["peksos"], kind="absconded")
    page = login(client, actors["kabid"]).get(reverse("outreach:disposition_list"), {"status": "approved"})
    assert list(page.context["page"]) == []
    page = client.get(reverse("outreach:disposition_list"), {"status": "proposed"})
    assert len(page.context["page"]) == 1
