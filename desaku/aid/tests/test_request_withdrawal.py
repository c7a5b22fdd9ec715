"""The worker who requested a recommendation letter withdraws it before the decision, with a reason."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from desaku.aid import services
from desaku.aid.models import RequestStatus
from desaku.aid.tests.helpers import severe_person

pytestmark = pytest.mark.django_db


def _request(actors, by="operator"):
    return services.request_letter(person=severe_person(actors["operator"]), by=actors[by], kind="poverty",
                                   purpose="beasiswa sekolah")


def test_the_requester_withdraws_with_a_reason(actors):
    item = _request(actors)
    with pytest.raises(ValidationError) as error:
        services.withdraw_request(request=item, by=actors["operator"], reason="  ")
    assert "withdraw_reason" in error.value.message_dict
    with pytest.raises(PermissionDenied):  # another worker cannot
        services.withdraw_request(request=item, by=actors["peksos"], reason="salah orang")
    services.check_request(request=item, by=actors["peksos"])  # checked is still before the decision
    item = services.withdraw_request(request=item, by=actors["operator"], reason="sudah dapat dari kelurahan")
    assert (item.status, item.withdraw_reason) == (RequestStatus.WITHDRAWN, "sudah dapat dari kelurahan")
    assert item.withdrawn_at is not None
    with pytest.raises(ValidationError):  # and it can no longer be decided
        services.decide_request(request=item, by=actors["kabid"], approve=True)


def test_a_decided_request_cannot_be_withdrawn(actors):
    item = _request(actors)
    services.check_request(request=item, by=actors["operator"])
    services.decide_request(request=item, by=actors["kabid"], approve=False, note="desil 9")
    with pytest.raises(ValidationError):
        services.withdraw_request(request=item, by=actors["operator"], reason="batal")


def test_withdraw_in_the_ui(actors):
    item = _request(actors)
    url = reverse("aid:request_detail", args=[item.pk])
    other = Client()
    other.force_login(actors["kabid"])  # sees the request, but did not make it
    page = other.get(url)
    assert page.status_code == 200 and 'data-testid="withdraw"' not in page.content.decode()
    client = Client()
    client.force_login(actors["operator"])
    assert 'data-testid="withdraw"' in client.get(url).content.decode()
    client.post(reverse("aid:request_decide", args=[item.pk]), {"action": "withdraw", "note": ""})
    item.refresh_from_db()
    assert item.status == RequestStatus.SUBMITTED  # no reason, no withdrawal
    client.post(reverse("aid:request_decide", args=[item.pk]), {"action": "withdraw", "note": "dobel"})
    item.refresh_from_db()
    assert item.status == RequestStatus.WITHDRAWN
    assert "dobel" in client.get(url).content.decode()


def test_withdraw_through_the_api(actors):
    item = _request(actors)
    client = Client()
    client.force_login(actors["kabid"])
    assert client.post(f"/api/v1/aid-requests/{item.pk}/withdraw/", {"reason": "x"},
                       content_type="application/json").status_code == 403
    client.force_login(actors["operator"])
    missing = client.post(f"/api/v1/aid-requests/{item.pk}/withdraw/", {}, content_type="application/json")
    assert missing.status_code == 400 and "reason" in missing.json()
    done = client.post(f"/api/v1/aid-requests/{item.pk}/withdraw/", {"reason": "dobel"},
                       content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "withdrawn"
    again = client.post(f"/api/v1/aid-requests/{item.pk}/withdraw/", {"reason": "dobel"},
                        content_type="application/json")
    assert again.status_code == 400 and "status" in again.json()
