"""Accompaniment sessions and musyawarah records are corrected after saving, with a reason kept in their history,
from the page and over the API; a correction may not undo the result an agreement rests on."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from desaku.diversion import services
from desaku.diversion.tests.helpers import agreed, days_ago, opened, stage_started


@pytest.mark.django_db
def test_session_correction_keeps_the_reason(actors):
    peksos = actors["peksos"]
    abh = opened(peksos)
    session = services.add_session(abh=abh, by=peksos, held_on=days_ago(3), place="Polres", with_whom="Ibu")
    with pytest.raises(ValidationError) as exc:
        services.update_session(session=session, by=peksos, reason=" ", place="Rumah")
    assert "reason" in exc.value.message_dict
    client = Client()
    client.force_login(peksos)
    url = reverse("diversion:session_edit", args=[session.pk])
    response = client.post(url, {"held_on": str(days_ago(4)), "place": "Rumah nenek", "with_whom": "Nenek",
                                 "notes": "", "reason": "salah tempat"})
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.place, session.held_on) == ("Rumah nenek", days_ago(4))
    last = session.history.order_by("-history_date").first()
    assert (last.history_change_reason, last.history_user_id) == ("salah tempat", peksos.pk)
    page = client.get(reverse("diversion:abh_detail", args=[abh.pk])).content.decode()
    assert 'data-testid="corrections"' in page and "salah tempat" in page
    assert client.post(url, {"held_on": str(days_ago(4)), "place": "x", "with_whom": "y"}).status_code == 200
    assert client.get(url).status_code == 200
    from desaku.core.models import AccessLogEntry

    assert AccessLogEntry.objects.filter(actor_username="t_peksos", model_label="diversion.AbhCase",
                                         object_id=str(abh.pk), detail__startswith="form: ").exists()


@pytest.mark.django_db
def test_deliberation_correction_moves_the_diversion_start(actors):
    peksos = actors["peksos"]
    stage = stage_started(opened(peksos), peksos)
    first = services.add_deliberation(stage=stage, by=peksos, held_on=days_ago(20), place="Polres",
                                      facilitator="Penyidik", participants="Anak", result="postponed")
    services.update_deliberation(deliberation=first, by=peksos, reason="tanggal keliru", held_on=days_ago(22))
    stage.refresh_from_db()
    assert stage.diversion_started_on == days_ago(22)
    with pytest.raises(ValidationError) as exc:
        services.update_deliberation(deliberation=first, by=peksos, reason="x", held_on=days_ago(31))
    assert "held_on" in exc.value.message_dict  # before the stage started 30 days ago


@pytest.mark.django_db
def test_agreement_result_stays(actors):
    peksos = actors["peksos"]
    stage, agreement = agreed(opened(peksos), peksos)
    deliberation = agreement.deliberation
    with pytest.raises(ValidationError) as exc:
        services.update_deliberation(deliberation=deliberation, by=peksos, reason="x", result="failed")
    assert "result" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.update_deliberation(deliberation=deliberation, by=peksos, reason="x", held_on=days_ago(1))
    assert "held_on" in exc.value.message_dict  # after the agreement (25 days ago)
    services.update_deliberation(deliberation=deliberation, by=peksos, reason="ejaan", place="Polresta Malang")
    deliberation.refresh_from_db()
    assert deliberation.place == "Polresta Malang"


@pytest.mark.django_db
def test_corrections_over_the_api(actors):
    peksos = actors["peksos"]
    abh = opened(peksos)
    stage = stage_started(abh, peksos)
    session = services.add_session(abh=abh, by=peksos, held_on=days_ago(3), place="Polres", with_whom="Ibu")
    deliberation = services.add_deliberation(stage=stage, by=peksos, held_on=days_ago(20), place="Polres",
                                             facilitator="Penyidik", participants="Anak", result="postponed")
    api = APIClient()
    api.force_authenticate(peksos)
    no_reason = api.patch(f"/api/v1/abh-sessions/{session.pk}/", {"place": "Rumah"}, format="json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    future = api.patch(f"/api/v1/abh-sessions/{session.pk}/", {"held_on": "2999-01-01", "reason": "x"},
                       format="json")
    assert future.status_code == 400 and "held_on" in future.json()
    ok = api.patch(f"/api/v1/abh-sessions/{session.pk}/", {"place": "Rumah", "reason": "salah ketik"},
                   format="json")
    assert ok.status_code == 200 and ok.json()["place"] == "Rumah"
    ok = api.patch(f"/api/v1/abh-deliberations/{deliberation.pk}/", {"result": "failed", "reason": "hasil keliru"},
                   format="json")
    assert ok.status_code == 200 and ok.json()["result"] == "failed"
    assert deliberation.history.order_by("-history_date").first().history_change_reason == "hasil keliru"
    reader = APIClient()
    reader.force_authenticate(actors["auditor"])
    assert reader.patch(f"/api/v1/abh-sessions/{session.pk}/", {"place": "x", "reason": "x"},
                        format="json").status_code == 403
