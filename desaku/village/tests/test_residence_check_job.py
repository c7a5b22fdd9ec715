"""The daily job "village.residence_checks": from the 20th of a month, a task (for the site's program officer,
else whoever allocated the unit) for each household living in the village that has no residence check that
month; never twice; the check itself closes the task."""

from datetime import date

import pytest

from desaku.core import jobs
from desaku.core.models import Task
from desaku.village import services
from desaku.village.tests.helpers import a_round, accepted, nominated, site, unit

pytestmark = pytest.mark.django_db
JOB = "village.residence_checks"


@pytest.fixture
def village(actors, lks_org):
    """Four households allocated 1 Nov 2024: X and Y moved in (Y checked on 5 March 2025), Z never moved in,
    W moved in and left in January 2025. The Peksos is the site's program officer."""
    op = actors["operator"]
    selection = a_round()
    occupancies = {}
    for i, key in enumerate("XYZW"):
        candidate = accepted(nominated(selection, op, name=f"Kepala {key}", birth_year=1970 + i), actors["peksos"],
                             lks_org, actors["kemensos"])
        occupancies[key] = services.allocate(candidate=candidate, unit=unit(f"0{i + 1}A"), by=op,
                                             on=date(2024, 11, 1))
    for key in "XYW":
        occupancies[key] = services.move_in(occupancy=occupancies[key], by=op, on=date(2024, 11, 10))
    services.end_occupancy(occupancy=occupancies["W"], by=actors["kabid"], reason="moved_out", on=date(2025, 1, 15))
    services.record_residence_check(occupancy=occupancies["Y"], by=op, checked_on=date(2025, 3, 5),
                                    living_there=True)
    the_site = site()
    the_site.program_officer = actors["peksos"]
    the_site.save_with_reason(by=actors["kabid"], reason="test")
    return occupancies


def test_nothing_before_the_20th(village):
    assert jobs.run_daily(date(2025, 3, 19), only=JOB) == {JOB: 0}
    assert not Task.objects.filter(source__startswith="village.check:").exists()


def test_a_task_for_each_household_living_there_without_a_check_this_month(actors, village):
    assert jobs.run_daily(date(2025, 3, 20), only=JOB) == {JOB: 1}
    task = Task.objects.get(source__startswith="village.check:")
    x = village["X"]
    assert task.source == f"village.check:{x.pk}:2025-03" and task.assigned_to == actors["peksos"]
    assert task.due_on == date(2025, 3, 31) and task.url == f"/village/occupancy/{x.pk}/check/"
    jobs.run_daily(date(2025, 3, 21), only=JOB)  # the next day: no second task
    assert Task.objects.filter(source__startswith="village.check:").count() == 1
    # The check closes the task; the next month brings a new one.
    services.record_residence_check(occupancy=x, by=actors["operator"], checked_on=date(2025, 3, 22),
                                    living_there=True)
    task.refresh_from_db()
    assert task.status == "done"
    assert jobs.run_daily(date(2025, 3, 25), only=JOB) == {JOB: 0}
    assert jobs.run_daily(date(2025, 4, 20), only=JOB) == {JOB: 2}  # X and Y, not Z (not moved in) nor W


def test_without_a_program_officer_the_allocating_user_gets_the_task(actors, village):
    the_site = site()
    the_site.program_officer = None
    the_site.save_with_reason(by=actors["kabid"], reason="test")
    jobs.run_daily(date(2025, 3, 20), only=JOB)
    assert Task.objects.get(source__startswith="village.check:").assigned_to == actors["operator"]
