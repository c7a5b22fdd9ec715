"""A confidential note is read only by its author, the responsible worker and supervisors: page and API."""

import pytest

from desaku.cases import services
from desaku.cases.tests.helpers import opened


@pytest.fixture
def notes(actors, child):
    peksos = actors["peksos"]
    case = opened(child, peksos)
    services.add_note(case=case, by=peksos, text="catatan biasa")
    secret = services.add_note(case=case, by=peksos, text="RAHASIA kekerasan", confidential=True)
    return case, secret


@pytest.mark.django_db
@pytest.mark.parametrize("actor,sees", [("peksos", True), ("kabid", True), ("kadis", True), ("admin", True),
                                        ("operator", False), ("auditor", False)])
def test_who_reads_a_confidential_note(actors, notes, client, actor, sees):
    case, secret = notes
    client.force_login(actors[actor])
    page = client.get(f"/cases/{case.pk}/")
    assert page.status_code == 200
    assert (b"RAHASIA" in page.content) is sees
    api = client.get(f"/api/v1/case-notes/?case={case.pk}").json()
    assert (secret.pk in [n["id"] for n in api["results"]]) is sees
    assert client.get(f"/api/v1/case-notes/{secret.pk}/").status_code == (200 if sees else 404)


@pytest.mark.django_db
def test_a_secondary_worker_reads_only_their_own_confidential_notes(actors, child, client):
    peksos, operator = actors["peksos"], actors["operator"]
    case = opened(child, peksos, secondary_workers=[operator])
    services.add_note(case=case, by=peksos, text="RAHASIA peksos", confidential=True)
    services.add_note(case=case, by=operator, text="RAHASIA operator", confidential=True)
    client.force_login(operator)
    content = client.get(f"/cases/{case.pk}/").content
    assert b"RAHASIA operator" in content and b"RAHASIA peksos" not in content
