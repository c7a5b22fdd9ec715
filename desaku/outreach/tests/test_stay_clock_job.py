"""The daily job tells the responsible Peksos about stays due today and overdue, once per day."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from desaku.core.models import Notification
from desaku.outreach import services
from desaku.outreach.selectors import occupancy_board, stays_due, stays_overdue
from desaku.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_due_and_overdue_stays_are_notified_once(camp, actors):
    due = services.admit(person=make_person(actors["penjangkauan"], "Sarip"), shelter=camp,
                         by=actors["penjangkauan"], admitted_on=date(2026, 11, 20), responsible_worker=actors["peksos"])
    late = services.admit(person=make_person(actors["penjangkauan"], "Tukiran"), shelter=camp,
                          by=actors["penjangkauan"], admitted_on=date(2026, 11, 10), responsible_worker=actors["peksos"])
    services.admit(person=make_person(actors["penjangkauan"], "Wagiman"), shelter=camp, by=actors["penjangkauan"],
                   admitted_on=date(2026, 11, 25), responsible_worker=actors["peksos"])
    today = date(2026, 11, 27)
    assert list(stays_due(actors["kabid"], today)) == [due]
    assert list(stays_overdue(actors["kabid"], today)) == [late]
    call_command("run_daily_jobs", "--date", today.isoformat(), stdout=io.StringIO())
    call_command("run_daily_jobs", "--date", today.isoformat(), stdout=io.StringIO())
    notices = Notification.objects.filter(user=actors["peksos"])
    assert notices.count() == 2
    assert {n.key for n in notices} == {f"stay-due:{due.pk}:2026-11-27", f"stay-due:{late.pk}:2026-11-27"}


def test_occupancy_board_counts_all_but_lists_only_visible_stays(camp, actors):
    services.admit(person=make_person(actors["penjangkauan"], "Sarip"), shelter=camp, by=actors["penjangkauan"])
    services.admit(person=make_person(actors["lks_a"], "Paijo"), shelter=camp, by=actors["lks_a"])
    row = next(r for r in occupancy_board(actors["penjangkauan"]) if r["shelter"] == camp)
    assert row["occupied"] == 2 and row["free"] == camp.capacity - 2
    assert [s.person.full_name for s in row["stays"]] == ["Sarip"]
