"""Winners' certificates: a numbered PDF from the letter machinery, verifiable by its QR link."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from desaku.community import letters, services
from desaku.community.tests.helpers import award_round, score_all


@pytest.mark.django_db
def test_a_winner_gets_a_numbered_verifiable_certificate(actors, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    op, kabid = actors["operator"], actors["kabid"]
    r = award_round(op, groups=2, jurors=1)
    r.winner_count = 1
    r.save_with_reason(by=op)
    score_all(r, op, value=lambda e, c, j: 90 if e.group.name.endswith("-0") else 60)
    services.finalise_round(award_round=r, by=kabid)
    winner, runner_up = r.entries.get(rank=1), r.entries.get(rank=2)
    assert winner.group.name.endswith("-0") and not runner_up.is_winner
    client.force_login(actors["auditor"])  # read-only roles print only what was issued
    assert client.get(reverse("community:certificate", args=[r.pk, winner.pk])).status_code == 404
    client.force_login(op)
    response = client.get(reverse("community:certificate", args=[r.pk, winner.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    winner.refresh_from_db()
    number = winner.letter.number
    assert number.endswith("/2026") or str(winner.letter.year) in number
    # Printing again reuses the number.
    client.get(reverse("community:certificate", args=[r.pk, winner.pk]))
    winner.refresh_from_db()
    assert winner.letter.number == number
    assert client.get(reverse("community:certificate", args=[r.pk, runner_up.pk])).status_code == 404
    client.logout()
    page = client.get(reverse("letter_verify", args=[winner.letter.verification_token]))
    assert page.status_code == 200 and number in page.content.decode()
    with pytest.raises(ValidationError):
        letters.issue_certificate(entry=runner_up, by=op, base_url="http://testserver/")
