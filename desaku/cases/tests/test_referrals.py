"""Referrals: draft → sent → accepted / declined → completed; pending ones past N days are flagged and
notified; the referral letter is a numbered, QR-verified PDF."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from desaku.cases import selectors, services
from desaku.cases.tests.helpers import institution, opened, today
from desaku.core.models import AccessLogEntry, Notification


@pytest.fixture
def referral(actors, child):
    peksos = actors["peksos"]
    return services.create_referral(case=opened(child, peksos), by=peksos, institution=institution(),
                                    reason="Perlu rehabilitasi psikososial", documents="Asesmen, KK")


@pytest.mark.django_db
def test_the_referral_steps(actors, referral):
    peksos = actors["peksos"]
    with pytest.raises(ValidationError):
        services.advance_referral(referral=referral, by=peksos, action="accept")
    services.advance_referral(referral=referral, by=peksos, action="send")
    with pytest.raises(ValidationError):
        services.advance_referral(referral=referral, by=peksos, action="decline")  # needs the response
    services.advance_referral(referral=referral, by=peksos, action="accept", response="Diterima 1 Mei")
    done = services.advance_referral(referral=referral, by=peksos, action="complete")
    assert (done.status, done.sent_on, done.responded_on, done.completed_on) == ("completed", today(), today(), today())
    assert done.response == "Diterima 1 Mei"


@pytest.mark.django_db
def test_a_referral_needs_a_destination(actors, child):
    with pytest.raises(ValidationError):
        services.create_referral(case=opened(child, actors["peksos"]), by=actors["peksos"], reason="x")


@pytest.mark.django_db
def test_pending_referrals_past_the_configured_days_are_flagged_and_notified(actors, referral, settings, client):
    from desaku.core import jobs

    peksos = actors["peksos"]
    services.advance_referral(referral=referral, by=peksos, action="send", on=today() - timedelta(days=10))
    settings.DESAKU_REFERRAL_PENDING_DAYS = 14
    assert not selectors.stale_referrals(peksos).exists()
    settings.DESAKU_REFERRAL_PENDING_DAYS = 7
    assert list(selectors.stale_referrals(peksos)) == [referral]
    client.force_login(peksos)
    assert b'data-testid="referral-stale"' in client.get(f"/cases/referrals/{referral.pk}/").content
    assert [r.pk for r in client.get("/cases/referrals/?stale=on").context["page"]] == [referral.pk]
    assert jobs.run_daily(today(), only="cases.pending_referrals") == {"cases.pending_referrals": 1}
    assert Notification.objects.filter(user=peksos, key__startswith=f"referral-pending:{referral.pk}:").exists()
    assert jobs.run_daily(today(), only="cases.pending_referrals") == {"cases.pending_referrals": 0}  # once a day


@pytest.mark.django_db
def test_the_referral_letter_is_a_numbered_pdf(actors, referral, client):
    peksos = actors["peksos"]
    services.advance_referral(referral=referral, by=peksos, action="send")
    client.force_login(actors["auditor"])
    assert client.get(f"/cases/referrals/{referral.pk}/letter/").status_code == 404  # read-only: not issued yet
    client.force_login(peksos)
    response = client.get(f"/cases/referrals/{referral.pk}/letter/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    referral.refresh_from_db()
    assert referral.letter.number.endswith(str(today().year)) and referral.letter.letter_type.code == "CASE-RUJUK"
    assert AccessLogEntry.objects.filter(action="print", object_id=str(referral.pk)).exists()
    client.get(f"/cases/referrals/{referral.pk}/letter/")
    referral.refresh_from_db()
    assert referral.letter.sequence == 1  # re-printing keeps the number
