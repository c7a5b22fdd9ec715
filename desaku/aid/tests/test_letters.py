"""Recommendation letters: request with checked documents, check against the registry (DTKS/decile),
approval by a Kepala Bidang, the numbered PDF with QR verification, the register, expiry."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from desaku.aid import services
from desaku.aid.models import RecommendationRequest, RequestStatus
from desaku.aid.tests.helpers import png_bytes, severe_person, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_for(actors, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    def make(name):
        client = Client()
        client.force_login(actors[name])
        return client

    return make


def test_request_upload_refuses_files_that_are_not_pdf_or_images(actors, client_for):
    person = severe_person(actors["operator"])
    url = reverse("aid:request_create", args=[person.pk])
    bad = SimpleUploadedFile("ktp.pdf", b"MZ\x90\x00 not a pdf")
    response = client_for("operator").post(url, {"kind": "poverty", "purpose": "sekolah", "documents": [bad]})
    assert response.status_code == 200 and not RecommendationRequest.objects.exists()
    good = SimpleUploadedFile("ktp.png", png_bytes())
    pdf = SimpleUploadedFile("kk.pdf", b"%PDF-1.4 kk")
    response = client_for("operator").post(url, {"kind": "poverty", "purpose": "sekolah", "documents": [good, pdf],
                                                 "document_title": "KTP dan KK"})
    assert response.status_code == 302
    item = RecommendationRequest.objects.get()
    assert item.documents.count() == 2
    assert not any("ktp" in d.file.name for d in item.documents.all())  # the client's file name is not kept


def test_fee_waiver_needs_the_facility(actors):
    person = severe_person(actors["operator"])
    with pytest.raises(ValidationError):
        services.request_letter(person=person, by=actors["operator"], kind="fee_waiver", purpose="operasi")


def test_check_approve_letter_and_expiry(actors, client_for):
    op, kabid = actors["operator"], actors["kabid"]
    person = severe_person(op)
    services.record_welfare(person=person, by=op, decile=2, in_dtks=True)
    item = services.request_letter(person=person, by=op, kind="fee_waiver", purpose="operasi",
                                   facility="RSUD Kota Malang")
    with pytest.raises(ValidationError):
        services.decide_request(request=item, by=kabid, approve=True)  # not checked yet
    item = services.check_request(request=item, by=op, notes="KTP sesuai")
    assert "2" in item.check_notes  # the decile found in the registry
    with pytest.raises(ValidationError):
        services.decide_request(request=item, by=op, approve=True)  # an operator does not decide
    item = services.decide_request(request=item, by=kabid, approve=True)
    assert item.status == RequestStatus.APPROVED and item.valid_until == today() + timedelta(days=90)
    response = client_for("operator").get(reverse("aid:request_letter", args=[item.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    item.refresh_from_db()
    assert item.letter.number and "AID-BEBAS" in item.letter.number
    register = client_for("kabid").get(reverse("aid:letter_register"))
    assert item.letter.number in register.content.decode()
    verify = Client().get(reverse("letter_verify", args=[item.letter.verification_token]))
    assert verify.status_code == 200 and item.letter.number in verify.content.decode()
    assert not services.is_expired(item)
    assert services.is_expired(item, on=today() + timedelta(days=91))


def test_rejection_needs_a_reason(actors):
    op, kabid = actors["operator"], actors["kabid"]
    item = services.request_letter(person=severe_person(op), by=op, kind="bpjs_pbi", purpose="berobat")
    services.check_request(request=item, by=op)
    with pytest.raises(ValidationError):
        services.decide_request(request=item, by=kabid, approve=False)
    assert services.decide_request(request=item, by=kabid, approve=False, note="desil 8").status == "rejected"
