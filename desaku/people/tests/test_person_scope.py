"""Who sees which person: owner, organisation, all, and sharing by consent."""

from datetime import date, timedelta

import pytest

from desaku.people import services
from desaku.people.selectors import classifications_visible_to, persons_visible_to, search_persons
from desaku.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(actors):
    return {
        "by_peksos": make_person(actors["peksos"], "Dewi Anggraini", sex="P"),
        "by_penjangkauan": make_person(actors["penjangkauan"], "Slamet Riyadi"),
        "by_lks_a": make_person(actors["lks_a"], "Yanto Gepeng"),
    }


def names(user):
    return set(persons_visible_to(user).values_list("full_name", flat=True))


def test_own_scope_sees_own_registrations(people, actors):
    assert names(actors["peksos"]) == {"Dewi Anggraini"}


def test_organisation_scope_sees_the_organisation(people, actors):
    assert names(actors["kabid"]) == {"Dewi Anggraini", "Slamet Riyadi"}
    assert names(actors["lks_a"]) == {"Yanto Gepeng"}
    assert names(actors["lks_b"]) == set()


def test_all_scope(people, actors):
    assert names(actors["kadis"]) == {"Dewi Anggraini", "Slamet Riyadi", "Yanto Gepeng"}


def test_assigned_worker_sees_the_person(people, actors):
    services.update_person(person=people["by_penjangkauan"], by=actors["kabid"],
                           data={"assigned_worker": actors["peksos"]}, reason="case assigned")
    assert "Slamet Riyadi" in names(actors["peksos"])


def test_consent_shares_with_named_partners_until_withdrawn(people, actors):
    person = people["by_peksos"]
    consent = services.record_consent(person=person, by=actors["peksos"], given_on=date(2026, 1, 5),
                                      shared_with=[actors["lks_b"].organisation], witness="Pak RT")
    assert "Dewi Anggraini" in names(actors["lks_b"])
    assert "Dewi Anggraini" not in names(actors["lks_a"])
    services.withdraw_consent(consent=consent, by=actors["peksos"], withdrawn_on=date(2026, 6, 1),
                              reason="asked to stop sharing")
    assert "Dewi Anggraini" not in names(actors["lks_b"])


def test_expired_consent_no_longer_shares(people, actors):
    services.record_consent(person=people["by_peksos"], by=actors["peksos"], given_on=date(2020, 1, 1),
                            valid_until=date.today() - timedelta(days=1), shared_with=[actors["lks_b"].organisation])
    assert "Dewi Anggraini" not in names(actors["lks_b"])


def test_search_respects_scope(people, actors):
    assert [p.full_name for p in search_persons(actors["lks_b"], "Yanto").persons] == []
    assert [p.full_name for p in search_persons(actors["lks_a"], "Yanto").persons] == ["Yanto Gepeng"]


def test_sensitive_classifications_are_hidden_from_roles_without_need(people, actors):
    from desaku.core.models import PPKSCategory

    person = people["by_peksos"]
    services.classify(person=person, by=actors["peksos"], category=PPKSCategory.objects.get(short_name="ODHA"),
                      valid_from=date(2025, 1, 1), evidence="rujukan puskesmas")
    services.classify(person=person, by=actors["peksos"], category=PPKSCategory.objects.get(number=24),
                      valid_from=date(2025, 1, 1))
    seen = {c.category.short_name for c in classifications_visible_to(actors["operator"], person.classifications.all())}
    assert seen == {"Fakmis"}
    seen = {c.category.short_name for c in classifications_visible_to(actors["peksos"], person.classifications.all())}
    assert seen == {"Fakmis", "ODHA"}
