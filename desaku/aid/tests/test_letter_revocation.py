"""A Kepala Bidang or an Administrator revokes an issued recommendation letter with a reason; the public
verification page then says "revoked"."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from desaku.aid import services
from desaku.aid.tests.helpers import severe_person
from desaku.core import letters as core_letters

pytestmark = pytest.mark.django_db


def _issued(actors):
    op, kabid = actors["operator"], actors["kabid"]
    item = services.request_letter(person=severe_person(op), by=op, kind="poverty", purpose="beasiswa")
    services.check_request(request=item, by=op)
    item = services.decide_request(request=item, by=kabid, approve=True)
    item.letter = core_letters.issue_letter(type_code=services.LETTER_TYPES[item.kind], subject="Rekomendasi",
                                            by=kabid, record=item)
    item.save_with_reason(by=kabid, reason="letter")
    return item


def test_revoke_needs_a_supervisor_and_a_reason(actors):
    item = _issued(actors)
    with pytest.raises(PermissionDenied):
        services.revoke_request_letter(request=item, by=actors["operator"], reason="salah data")
    with pytest.raises(ValidationError):
        services.revoke_request_letter(request=item, by=actors["kabid"], reason="")
    services.revoke_request_letter(request=item, by=actors["kabid"], reason="data penghasilan keliru")
    item.letter.refresh_from_db()
    assert item.letter.revoked_at and item.letter.revoke_reason == "data penghasilan keliru"
    with pytest.raises(ValidationError):  # once
        services.revoke_request_letter(request=item, by=actors["admin"], reason="lagi")
    verify = Client().get(reverse("letter_verify", args=[item.letter.verification_token]))
    assert verify.status_code == 200 and 'class="h2 text-danger"' in verify.content.decode()  # "revoked"
    assert "data penghasilan keliru" not in verify.content.decode()  # the reason stays inside


def test_a_letter_without_letter_cannot_be_revoked(actors):
    op = actors["operator"]
    item = services.request_letter(person=severe_person(op), by=op, kind="poverty", purpose="x")
    with pytest.raises(ValidationError):
        services.revoke_request_letter(request=item, by=actors["kabid"], reason="x")


def test_revoke_in_the_ui_and_the_api(actors):
    item = _issued(actors)
    url = reverse("aid:request_detail", args=[item.pk])
    operator = Client()
    operator.force_login(actors["operator"])
    assert 'data-testid="revoke"' not in operator.get(url).content.decode()
    assert operator.post(f"/api/v1/aid-requests/{item.pk}/revoke/", {"reason": "x"},
                         content_type="application/json").status_code == 403
    kabid = Client()
    kabid.force_login(actors["kabid"])
    assert 'data-testid="revoke"' in kabid.get(url).content.decode()
    kabid.post(reverse("aid:request_decide", args=[item.pk]), {"action": "revoke", "note": "NIK keliru"})
    page = kabid.get(url).content.decode()
    assert 'data-testid="letter-revoked"' in page and 'data-testid="revoke"' not in page
    api = kabid.get(f"/api/v1/aid-requests/{item.pk}/").json()
    assert api["letter_revoked"] is True
    again = kabid.post(f"/api/v1/aid-requests/{item.pk}/revoke/", {"reason": "x"}, content_type="application/json")
    assert again.status_code == 400 and "status" in again.json()
