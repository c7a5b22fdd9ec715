"""Sharing with a partner follows consent, and sharing is processing: a consent that refuses data processing
shares with nobody, cannot name partners, and the form and the person page show the processing answer."""

from datetime import date

import pytest
from django.urls import reverse

from desaku.people import services
from desaku.people.models import Consent
from desaku.people.selectors import persons_visible_to
from desaku.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(actors):
    return make_person(actors["peksos"], "Dewi Anggraini", sex="P")


def sees(user, person) -> bool:
    return persons_visible_to(user).filter(pk=person.pk).exists()


def test_a_consent_without_processing_shares_with_nobody(actors, person):
    consent = services.record_consent(person=person, by=actors["peksos"], given_on=date(2026, 1, 5),
                                      shared_with=[actors["lks_b"].organisation])
    assert sees(actors["lks_b"], person)
    # Recorded before processing could be refused in the form (or changed in the admin): it no longer shares.
    consent.processing = False
    consent.save_with_reason(by=actors["peksos"], reason="processing refused")
    assert not sees(actors["lks_b"], person)


def test_the_service_refuses_partners_without_processing(actors, person):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.record_consent(person=person, by=actors["peksos"], given_on=date(2026, 1, 5), processing=False,
                                shared_with=[actors["lks_b"].organisation])
    assert "shared_with" in exc.value.message_dict
    services.record_consent(person=person, by=actors["peksos"], given_on=date(2026, 1, 5), processing=False)
    assert Consent.objects.get().processing is False


def test_the_form_records_and_shows_the_processing_answer(client, actors, person):
    client.force_login(actors["peksos"])
    url = reverse("people:consent_add", args=[person.pk])
    assert 'name="processing"' in client.get(url).content.decode()
    response = client.post(url, {"given_by": "self", "given_on": "2026-01-05",
                                 "shared_with": [actors["lks_b"].organisation.pk]})  # processing not ticked
    assert response.status_code == 200 and "shared_with" in response.context["form"].errors
    assert not Consent.objects.exists()
    response = client.post(url, {"given_by": "self", "given_on": "2026-01-05", "processing": "on",
                                 "shared_with": [actors["lks_b"].organisation.pk]})
    assert response.status_code == 302 and Consent.objects.get().processing
    html = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert 'data-testid="consent-processing"' in html
    assert sees(actors["lks_b"], person)
