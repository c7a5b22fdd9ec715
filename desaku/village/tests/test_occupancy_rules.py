"""One household per unit (service and database), move-in, expulsion with a decision, and the vacated unit
offered to the first household on the waiting list with a task for the program officer."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from desaku.core.models import Task
from desaku.village import services
from desaku.village.models import CandidateStatus, Occupancy, OfferStatus
from desaku.village.tests.helpers import a_round, accepted, nominated, sent, site, unit


@pytest.fixture
def two_accepted(actors, lks_org):
    selection = a_round()
    return selection, [accepted(nominated(selection, actors["operator"], name=f"Kepala {i}", birth_year=1970 + i),
                                actors["peksos"], lks_org, actors["kemensos"]) for i in range(2)]


@pytest.mark.django_db
def test_one_household_per_unit(actors, two_accepted):
    _selection, (first, second) = two_accepted
    services.allocate(candidate=first, unit=unit("01A"), by=actors["operator"])
    with pytest.raises(ValidationError) as exc:
        services.allocate(candidate=second, unit=unit("01A"), by=actors["operator"])
    assert "unit" in exc.value.error_dict
    with pytest.raises(ValidationError):  # and one unit per household
        services.allocate(candidate=first, unit=unit("01B"), by=actors["operator"])


@pytest.mark.django_db
def test_the_database_refuses_a_second_household_in_a_unit(actors, two_accepted):
    _selection, (first, second) = two_accepted
    services.allocate(candidate=first, unit=unit("01A"), by=actors["operator"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Occupancy(unit=unit("01A"), household=second.household, candidate=second, allocated_on=date(2016, 11, 1),
                  allocated_by=actors["operator"], organisation=actors["operator"].organisation).save()


@pytest.mark.django_db
def test_only_accepted_households_get_a_unit(actors, lks_org):
    candidate = sent(nominated(a_round(), actors["operator"]), actors["peksos"], lks_org, actors["kemensos"])
    with pytest.raises(ValidationError):
        services.allocate(candidate=candidate, unit=unit(), by=actors["operator"])


@pytest.mark.django_db
def test_move_in_and_expulsion_need_their_dates_and_decision(actors, two_accepted):
    _selection, (first, _second) = two_accepted
    occupancy = services.allocate(candidate=first, unit=unit(), by=actors["operator"], on=date(2016, 11, 1))
    with pytest.raises(ValidationError):
        services.move_in(occupancy=occupancy, by=actors["operator"], on=date(2016, 10, 1))
    occupancy = services.move_in(occupancy=occupancy, by=actors["operator"], on=date(2016, 11, 12))
    assert occupancy.move_in_date == date(2016, 11, 12)
    with pytest.raises(ValidationError) as exc:
        services.end_occupancy(occupancy=occupancy, by=actors["kabid"], reason="expelled", on=date(2017, 6, 1),
                               note="tidak menempati")
    assert "end_decision" in exc.value.error_dict
    with pytest.raises(ValidationError):  # a Peksos does not expel
        services.end_occupancy(occupancy=occupancy, by=actors["peksos"], reason="expelled", on=date(2017, 6, 1),
                               decision="188/1/2017", note="tidak menempati")
    ended = services.end_occupancy(occupancy=occupancy, by=actors["kabid"], reason="expelled", on=date(2017, 6, 1),
                                   decision="188/1/2017", note="tidak menempati")
    assert ended.status == "ended" and ended.end_decision == "188/1/2017"


@pytest.mark.django_db
def test_a_vacated_unit_is_offered_to_the_first_on_the_waiting_list(actors, lks_org, two_accepted):
    selection, (first, _second) = two_accepted
    site_ = site()
    site_.program_officer = actors["peksos"]
    site_.save_with_reason(by=actors["admin"])
    waiting = []
    for i in range(2):
        candidate = sent(nominated(selection, actors["operator"], name=f"Tunggu {i}", birth_year=1980 + i),
                         actors["peksos"], lks_org, actors["kemensos"])
        waiting.append(services.final_selection(candidate=candidate, by=actors["kemensos"], decision="waiting",
                                                reasons="kuota"))
    occupancy = services.move_in(occupancy=services.allocate(candidate=first, unit=unit(), by=actors["operator"],
                                                            on=date(2016, 11, 1)),
                                 by=actors["operator"], on=date(2016, 11, 12))
    services.end_occupancy(occupancy=occupancy, by=actors["peksos"], reason="moved_out", on=date(2017, 3, 1))
    offer = unit().offers.get(status=OfferStatus.OPEN)
    assert offer.candidate == waiting[0]
    task = Task.objects.get(source=f"village.offer:{offer.pk}")
    assert task.assigned_to == actors["peksos"] and task.status == "open"
    # The first declines: the unit goes to the next one.
    services.decline_offer(offer=offer, by=actors["operator"], note="sudah punya rumah")
    offer = unit().offers.get(status=OfferStatus.OPEN)
    assert offer.candidate == waiting[1]
    # The next one takes it: accepted, the task closes, no other household can take the unit.
    services.allocate(candidate=waiting[1], unit=unit(), by=actors["operator"])
    waiting[1].refresh_from_db()
    assert waiting[1].status == CandidateStatus.ACCEPTED
    assert Task.objects.get(source=f"village.offer:{offer.pk}").status == "done"


@pytest.mark.django_db
def test_an_offered_unit_is_kept_for_the_household_offered(actors, lks_org, two_accepted):
    selection, (first, second) = two_accepted
    waiting = services.final_selection(candidate=sent(nominated(selection, actors["operator"], name="Tunggu"),
                                                      actors["peksos"], lks_org, actors["kemensos"]),
                                       by=actors["kemensos"], decision="waiting", reasons="kuota")
    occupancy = services.allocate(candidate=first, unit=unit(), by=actors["operator"])
    services.end_occupancy(occupancy=occupancy, by=actors["peksos"], reason="moved_out", on=date.today())
    assert unit().offers.get(status="open").candidate == waiting
    with pytest.raises(ValidationError):
        services.allocate(candidate=second, unit=unit(), by=actors["operator"])
