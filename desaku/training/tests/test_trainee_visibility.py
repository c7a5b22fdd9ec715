"""A batch's partner organisation (the provider, or the organisation running it) sees an enrolled person's
registry record only while the person's consent to data processing is valid, as the village catalogue names a
producer only with consent. The batch's creator keeps seeing its trainees."""

from datetime import date

import pytest

from desaku.people import services as people_services
from desaku.people.selectors import persons_visible_to
from desaku.training import services
from desaku.training.tests.helpers import batch, trainee

pytestmark = pytest.mark.django_db


def sees(user, person) -> bool:
    return persons_visible_to(user).filter(pk=person.pk).exists()


@pytest.fixture
def provided(actors):
    """A Dinas batch given by LKS B, with a person of the Dinas enrolled."""
    peksos = actors["peksos"]
    the_batch = batch(peksos, provider_kind="lks", provider_name="LKS Uji B",
                      provider_organisation=actors["lks_b"].organisation)
    person = trainee(peksos, "Sumiati")
    services.enrol(batch=the_batch, person=person, by=peksos)
    return person


def test_without_consent_the_provider_does_not_see_the_record(actors, provided):
    assert not sees(actors["lks_b"], provided)
    assert sees(actors["peksos"], provided)  # the batch's creator


def test_with_a_processing_consent_the_provider_sees_the_record(actors, provided):
    consent = people_services.record_consent(person=provided, by=actors["peksos"], given_on=date(2026, 1, 5))
    assert sees(actors["lks_b"], provided)
    assert not sees(actors["lks_a"], provided)
    people_services.withdraw_consent(consent=consent, by=actors["peksos"], withdrawn_on=date(2026, 2, 1),
                                     reason="tidak mau")
    assert not sees(actors["lks_b"], provided)


def test_a_consent_refusing_processing_does_not_share(actors, provided):
    people_services.record_consent(person=provided, by=actors["peksos"], given_on=date(2026, 1, 5), processing=False)
    assert not sees(actors["lks_b"], provided)


def test_the_batch_page_still_lists_the_trainee_for_the_provider(client, actors, provided):
    # The batch's own records (enrolment, attendance) stay with the provider; only the registry record needs consent.
    from desaku.training.models import Enrolment

    assert Enrolment.objects.visible_to(actors["lks_b"]).filter(person=provided).exists()
