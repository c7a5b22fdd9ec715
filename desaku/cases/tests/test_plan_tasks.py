"""Plan actions with a due date become tasks (source cases.planaction:<pk>), closed when the action is done;
overdue plan reviews show in the caseload."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from desaku.cases import selectors, services
from desaku.cases.tests.helpers import exit_destination, opened, planned, today
from desaku.core.models import Task


@pytest.fixture
def action(actors, child):
    peksos = actors["peksos"]
    plan = planned(opened(child, peksos), peksos)
    goal = services.add_goal(plan=plan, by=peksos, description="Kembali sekolah")
    return services.add_action(goal=goal, by=peksos, description="Daftar SD", responsible=peksos,
                               due_on=today() + timedelta(days=3))


@pytest.mark.django_db
def test_an_action_with_a_due_date_becomes_a_task(actors, action):
    task = Task.objects.get(source=f"cases.planaction:{action.pk}")
    assert (task.assigned_to, task.due_on, task.status) == (actors["peksos"], action.due_on, "open")
    assert task.url.startswith(f"/cases/{action.goal.plan.case_id}/")


@pytest.mark.django_db
def test_the_task_closes_when_the_action_is_done(actors, action):
    services.complete_action(action=action, by=actors["peksos"])
    assert Task.objects.get(source=f"cases.planaction:{action.pk}").status == "done"


@pytest.mark.django_db
def test_closing_the_case_cancels_open_action_tasks(actors, action):
    services.close_case(case=action.goal.plan.case, by=actors["peksos"], exit_destination=exit_destination(),
                        reason="pindah kota")
    assert Task.objects.get(source=f"cases.planaction:{action.pk}").status == "cancelled"


@pytest.mark.django_db
def test_an_action_needs_someone_responsible(actors, child):
    peksos = actors["peksos"]
    goal = services.add_goal(plan=planned(opened(child, peksos), peksos), by=peksos, description="Sekolah")
    with pytest.raises(ValidationError):
        services.add_action(goal=goal, by=peksos, description="Daftar", due_on=today())
    outside = services.add_action(goal=goal, by=peksos, description="Antar ke sekolah", responsible_other="Ibu")
    assert not Task.objects.filter(source=f"cases.planaction:{outside.pk}").exists()


@pytest.mark.django_db
def test_the_case_page_shows_its_tasks(actors, action, client):
    client.force_login(actors["peksos"])
    response = client.get(f"/cases/{action.goal.plan.case_id}/")
    assert response.content.count(b'data-testid="case-task"') == 1


@pytest.mark.django_db
def test_overdue_plan_reviews_show_in_the_caseload(actors, child, client):
    peksos = actors["peksos"]
    case = opened(child, peksos)
    services.save_plan(case=case, by=peksos, next_review_on=today() - timedelta(days=1))
    assert list(selectors.overdue_reviews(peksos)) == [case]
    client.force_login(peksos)
    response = client.get("/cases/")
    assert b'data-testid="review-overdue"' in response.content
    assert [c.pk for c in client.get("/cases/?overdue_review=on").context["page"]] == [case.pk]
    services.add_review(plan=case.plan, by=peksos, reviewed_on=today(), progress="baik",
                        next_review_on=today() + timedelta(days=30))
    assert not selectors.overdue_reviews(peksos).exists()
