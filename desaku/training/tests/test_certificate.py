"""Certificates: only for graduates, numbered once, a real PDF, publicly verifiable without personal data."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from desaku.training import services
from desaku.training.tests.helpers import batch, run_to_completion, trainee


@pytest.mark.django_db
def test_a_graduate_gets_one_numbered_verifiable_certificate(actors):
    op = actors["operator"]
    b = batch(op, days=1)
    passed = services.enrol(batch=b, person=trainee(op, "Lulus Sekali"), by=op)
    failed = services.enrol(batch=b, person=trainee(op, "Belum Lulus"), by=op)
    run_to_completion(b, op, scores={failed.pk: 10})
    client = Client()
    client.force_login(op)
    response = client.get(reverse("training:certificate", args=[passed.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    passed.refresh_from_db()
    number = passed.certificate.number
    assert client.get(reverse("training:certificate", args=[passed.pk])).status_code == 200
    passed.refresh_from_db()
    assert passed.certificate.number == number
    assert client.get(reverse("training:certificate", args=[failed.pk])).status_code == 404
    with pytest.raises(ValidationError):
        services.issue_certificate(enrolment=failed, by=op)
    public = Client().get(reverse("letter_verify", args=[passed.certificate.verification_token]))
    assert public.status_code == 200 and number.encode() in public.content
    assert b"Lulus Sekali" not in public.content


@pytest.mark.django_db
def test_the_batch_report_is_a_pdf(actors):
    op = actors["operator"]
    b = batch(op, days=1)
    services.enrol(batch=b, person=trainee(op), by=op)
    client = Client()
    client.force_login(op)
    response = client.get(reverse("training:batch_report", args=[b.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
