"""Open → on hold → open → closed (exit destination and reason required) → reopened by a supervisor."""

import pytest
from django.core.exceptions import ValidationError

from desaku.cases import services
from desaku.cases.models import CaseStatus
from desaku.cases.tests.helpers import exit_destination, opened, service_type, today


@pytest.mark.django_db
def test_status_transitions_are_explicit(actors, child):
    peksos = actors["peksos"]
    case = opened(child, peksos)
    assert services.change_status(case=case, by=peksos, action="hold").status == CaseStatus.ON_HOLD
    with pytest.raises(ValidationError):
        services.change_status(case=case, by=peksos, action="hold")
    assert services.change_status(case=case, by=peksos, action="resume").status == CaseStatus.OPEN


@pytest.mark.django_db
def test_closing_needs_an_exit_destination_and_a_reason(actors, child):
    peksos = actors["peksos"]
    case = opened(child, peksos)
    with pytest.raises(ValidationError) as err:
        services.close_case(case=case, by=peksos, exit_destination=None, reason=" ")
    assert set(err.value.error_dict) == {"exit_destination", "closure_reason"}
    closed = services.close_case(case=case, by=peksos, exit_destination=exit_destination(), reason="mandiri")
    assert (closed.status, closed.closed_on, closed.exit_destination.code) == ("closed", today(), "family_permanent")
    with pytest.raises(ValidationError):
        services.record_service(case=closed, by=peksos, service_type=service_type(), delivered_on=today())


@pytest.mark.django_db
def test_only_a_supervisor_reopens(actors, child):
    peksos, kabid = actors["peksos"], actors["kabid"]
    case = services.close_case(case=opened(child, peksos), by=peksos, exit_destination=exit_destination(),
                               reason="mandiri")
    with pytest.raises(ValidationError):
        services.reopen_case(case=case, by=peksos, reason="kembali ke jalan")
    reopened = services.reopen_case(case=case, by=kabid, reason="kembali ke jalan")
    assert (reopened.status, reopened.closed_on) == (CaseStatus.REOPENED, None)


@pytest.mark.django_db
def test_closed_cases_stay_searchable_for_those_with_scope(actors, child, client):
    peksos = actors["peksos"]
    case = services.close_case(case=opened(child, peksos), by=peksos, exit_destination=exit_destination(),
                               reason="mandiri")
    client.force_login(actors["kabid"])
    response = client.get("/cases/?all=1&status=closed&q=Rizki")
    assert [c.pk for c in response.context["page"]] == [case.pk]
    client.force_login(actors["lks_a"])
    assert client.get(f"/cases/{case.pk}/").status_code == 404


@pytest.mark.django_db
def test_open_case_in_the_ui_with_the_person_chosen(actors, child, client):
    from desaku.cases.models import Case

    client.force_login(actors["peksos"])
    response = client.post("/cases/new/", {"person": child.pk, "case_type": "anak", "source": "walk_in",
                                           "priority": "high", "worker": actors["peksos"].pk,
                                           "opened_on": str(today())})
    case = Case.objects.get(person=child)
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/"
    assert (case.worker, case.organisation, case.priority) == (actors["peksos"], actors["peksos"].organisation,
                                                               "high")


@pytest.mark.django_db
def test_a_secondary_worker_added_later_sees_the_case(actors, child):
    from desaku.cases import selectors

    peksos, operator = actors["peksos"], actors["operator"]
    other_peksos = actors["penjangkauan"]  # own scope, same organisation: sees it only when added
    case = opened(child, peksos)
    assert not selectors.cases_visible_to(other_peksos).filter(pk=case.pk).exists()
    services.update_case(case=case, by=operator, priority="urgent", secondary_workers=[other_peksos])
    assert selectors.cases_visible_to(other_peksos).filter(pk=case.pk).exists()
    with pytest.raises(ValidationError):
        services.update_case(case=case, by=peksos, worker=operator)
