"""Ending a mentor's assignment (the occupancy page's "end" link, services.end_assignment): the program office
ends it with a date and a reason, and from then on the mentor's scope no longer covers the household: not its
occupancy, progress, records or members in the registry."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from desaku.people.selectors import persons_visible_to
from desaku.village import selectors, services
from desaku.village.models import MentorAssignment
from desaku.village.tests.helpers import a_round, accepted, client_for, nominated, unit


@pytest.fixture
def accompanied(actors, lks_org):
    candidate = accepted(nominated(a_round(), actors["operator"], name="Kepala Dampingan", birth_year=1972),
                         actors["peksos"], lks_org, actors["kemensos"])
    occupancy = services.allocate(candidate=candidate, unit=unit("01A"), by=actors["operator"], on=date(2016, 11, 1))
    occupancy = services.move_in(occupancy=occupancy, by=actors["operator"], on=date(2016, 11, 12))
    assignment = services.assign_mentor(mentor=actors["pendamping"], household=occupancy.household,
                                        by=actors["kabid"], on=date(2016, 12, 1))
    return {"occupancy": occupancy, "assignment": assignment}



@pytest.mark.django_db
def test_the_occupancy_page_ends_an_assignment(actors, accompanied):
    occupancy, assignment = accompanied["occupancy"], accompanied["assignment"]
    page_url = reverse("village:occupancy_detail", args=[occupancy.pk])
    end_url = reverse("village:end_assignment", args=[assignment.pk])
    mentor = client_for(actors["pendamping"])
    assert 'data-testid="end-assignment-link"' not in mentor.get(page_url).content.decode()
    assert mentor.get(end_url).status_code == 403
    kabid = client_for(actors["kabid"])
    page = kabid.get(page_url).content.decode()
    assert f'href="{end_url}"' in page
    refused = kabid.post(end_url, {"ended_on": "2016-11-01", "reason": "Selesai"})  # before it started
    assert refused.status_code == 200 and "ended_on" in refused.context["form"].errors
    ended = kabid.post(end_url, {"ended_on": "2017-06-30", "reason": "Masa tugas selesai"})
    assert ended.status_code == 302 and ended["Location"] == page_url
    assignment.refresh_from_db()
    assert assignment.ended_on == date(2017, 6, 30)
    assert assignment.history.first().history_change_reason == "Masa tugas selesai"
    assert "end-assignment-link" not in kabid.get(page_url).content.decode()
    assert kabid.get(end_url).status_code == 404  # ended: nothing left to end
    # The mentor's scope no longer covers the household.
    assert mentor.get(page_url).status_code == 404
    assert mentor.get(reverse("village:household_progress", args=[occupancy.household_id])).status_code == 404


@pytest.mark.django_db
def test_an_ended_assignment_leaves_the_mentors_scope_everywhere(actors, accompanied):
    occupancy, mentor = accompanied["occupancy"], actors["pendamping"]
    head = occupancy.household.head
    assert selectors.households_visible_to(mentor).filter(pk=occupancy.household_id).exists()
    assert persons_visible_to(mentor).filter(pk=head.pk).exists()
    services.end_assignment(assignment=accompanied["assignment"], by=actors["kabid"], reason="Pindah tugas",
                            on=date(2017, 1, 31))
    assert not selectors.households_visible_to(mentor).exists()
    assert not selectors.occupancies_visible_to(mentor).exists()
    assert not persons_visible_to(mentor).filter(pk=head.pk).exists()
    with pytest.raises(ValidationError):  # nor records sessions for it
        services.record_session(site=occupancy.unit.site, by=mentor, kind="social", held_on=date(2017, 2, 1),
                                topic="Kebersihan", households=[occupancy.household])
    # A new assignment gives the household back.
    services.assign_mentor(mentor=mentor, household=occupancy.household, by=actors["kabid"])
    assert selectors.households_visible_to(mentor).filter(pk=occupancy.household_id).exists()
    assert MentorAssignment.objects.filter(household=occupancy.household).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("kwargs, field", [
    ({"reason": ""}, "reason"),
    ({"reason": "x", "on": date(2016, 11, 30)}, "ended_on"),
    ({"reason": "x", "on": "future"}, "ended_on"),
])
def test_the_end_of_an_assignment_is_checked(actors, accompanied, kwargs, field):
    if kwargs.get("on") == "future":
        kwargs = {**kwargs, "on": timezone.localdate() + timedelta(days=1)}
    with pytest.raises(ValidationError) as refused:
        services.end_assignment(assignment=accompanied["assignment"], by=actors["kabid"], **kwargs)
    assert field in refused.value.message_dict
    assert MentorAssignment.objects.get(pk=accompanied["assignment"].pk).ended_on is None


@pytest.mark.django_db
def test_only_the_program_office_ends_an_assignment(actors, accompanied):
    for name in ("pendamping", "lks_a", "auditor"):
        with pytest.raises(ValidationError):
            services.end_assignment(assignment=accompanied["assignment"], by=actors[name], reason="x")
    services.end_assignment(assignment=accompanied["assignment"], by=actors["operator"], reason="Selesai")
    with pytest.raises(ValidationError) as twice:
        services.end_assignment(assignment=accompanied["assignment"], by=actors["operator"], reason="lagi")
    assert "ended_on" in twice.value.message_dict
