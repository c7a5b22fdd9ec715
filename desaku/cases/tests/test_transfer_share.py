"""Transfer (requested, answered by the receiving side) and read-only shares that follow the consent."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from desaku.cases import selectors, services
from desaku.cases.tests.helpers import give_consent, opened, today
from desaku.people.selectors import persons_visible_to


@pytest.mark.django_db
def test_the_receiving_lks_sees_the_offered_case_and_accepting_moves_it(actors, child, client):
    peksos, lks_a = actors["peksos"], actors["lks_a"]
    case = opened(child, peksos)
    assert not selectors.cases_visible_to(lks_a).filter(pk=case.pk).exists()
    transfer = services.request_transfer(case=case, by=peksos, to_organisation=lks_a.organisation, reason="dekat")
    assert selectors.cases_visible_to(lks_a).filter(pk=case.pk).exists()
    assert list(selectors.incoming_transfers(lks_a)) == [transfer]
    with pytest.raises(PermissionDenied):
        services.decide_transfer(transfer=transfer, by=actors["kabid"], accept=True)
    client.force_login(lks_a)
    assert client.post(f"/cases/transfers/{transfer.pk}/decide/", {"accept": "1"}).status_code == 302
    case.refresh_from_db()
    assert (case.worker, case.organisation) == (lks_a, lks_a.organisation)
    assert not selectors.cases_visible_to(peksos).filter(pk=case.pk).exists()  # own scope: no longer theirs


@pytest.mark.django_db
def test_declining_needs_a_reason_and_changes_nothing(actors, child):
    peksos, lks_a = actors["peksos"], actors["lks_a"]
    case = opened(child, peksos)
    transfer = services.request_transfer(case=case, by=peksos, to_organisation=lks_a.organisation, reason="dekat")
    with pytest.raises(ValidationError):
        services.decide_transfer(transfer=transfer, by=lks_a, accept=False)
    services.decide_transfer(transfer=transfer, by=lks_a, accept=False, note="penuh")
    case.refresh_from_db()
    assert case.worker == peksos
    assert not selectors.cases_visible_to(lks_a).filter(pk=case.pk).exists()


@pytest.mark.django_db
def test_a_share_needs_the_persons_consent(actors, child):
    peksos, lks_b = actors["peksos"], actors["lks_b"]
    case = opened(child, peksos)
    with pytest.raises(ValidationError):
        services.share_case(case=case, by=peksos, organisation=lks_b.organisation,
                            ends_on=today() + timedelta(days=30), reason="pendampingan")
    give_consent(child, peksos, lks_b.organisation, valid_until=today() + timedelta(days=10))
    with pytest.raises(ValidationError):  # the consent ends before the share would
        services.share_case(case=case, by=peksos, organisation=lks_b.organisation,
                            ends_on=today() + timedelta(days=30), reason="pendampingan")
    assert services.share_case(case=case, by=peksos, organisation=lks_b.organisation,
                               ends_on=today() + timedelta(days=10), reason="pendampingan").is_active()


@pytest.mark.django_db
def test_a_share_is_read_only_and_ends(actors, child, client):
    peksos, lks_b = actors["peksos"], actors["lks_b"]
    case = opened(child, peksos)
    give_consent(child, peksos, lks_b.organisation)
    share = services.share_case(case=case, by=peksos, organisation=lks_b.organisation,
                                ends_on=today() + timedelta(days=5), reason="pendampingan")
    client.force_login(lks_b)
    page = client.get(f"/cases/{case.pk}/")
    assert page.status_code == 200 and b'data-testid="read-only"' in page.content
    assert persons_visible_to(lks_b).filter(pk=child.pk).exists()
    assert client.post(f"/cases/{case.pk}/notes/", {"text": "x", "kind": "note",
                                                    "noted_on": str(today())}).status_code == 403
    services.revoke_share(share=share, by=peksos)
    assert client.get(f"/cases/{case.pk}/").status_code == 404
