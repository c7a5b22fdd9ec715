"""A household whose occupancy ends leaves its selection round ("exited", with the reason): it is never
allocated again from that file, its place of the quota is free for the replacement from the waiting list, and
the round (its quota, its closing) stays editable."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from desaku.village import selectors, services, services_program
from desaku.village.models import CandidateStatus, OfferStatus
from desaku.village.tests.helpers import a_round, accepted, nominated, sent, site, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_round(actors, lks_org):
    """A round with a quota of 2: both accepted households live in 01A and 01B; one household waits."""
    selection = a_round(quota=2)
    op, peksos, reviewer = actors["operator"], actors["peksos"], actors["kemensos"]
    housed = []
    for i, number in enumerate(("01A", "01B")):
        candidate = accepted(nominated(selection, op, name=f"Kepala {i}", birth_year=1970 + i), peksos, lks_org,
                             reviewer)
        occupancy = services.allocate(candidate=candidate, unit=unit(number), by=op, on=date(2016, 11, 1))
        housed.append(services.move_in(occupancy=occupancy, by=op, on=date(2016, 11, 12)))
    waiting = services.final_selection(candidate=sent(nominated(selection, op, name="Tunggu", birth_year=1981),
                                                      peksos, lks_org, reviewer),
                                       by=reviewer, decision="waiting", reasons="kuota penuh")
    return selection, housed, waiting


def test_an_ended_occupancy_moves_the_candidate_out_with_the_reason(actors, full_round):
    _selection, housed, _waiting = full_round
    services.end_occupancy(occupancy=housed[0], by=actors["kabid"], reason="expelled", on=date(2017, 6, 15),
                           decision="188/1/2017", note="tidak menempati rumah")
    candidate = housed[0].candidate
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.EXITED
    assert candidate.exit_reason == "expelled" and candidate.exited_on == date(2017, 6, 15)


def test_an_exited_household_is_never_allocated_again(actors, full_round):
    _selection, housed, _waiting = full_round
    services.end_occupancy(occupancy=housed[0], by=actors["peksos"], reason="moved_out", on=date(2017, 3, 1))
    candidate = housed[0].candidate
    candidate.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.allocate(candidate=candidate, unit=unit("02B"), by=actors["operator"])
    assert "candidate" in exc.value.error_dict
    client = Client()
    client.force_login(actors["operator"])
    page = client.get(reverse("village:candidate_detail", args=[candidate.pk])).content.decode()
    assert reverse("village:allocate", args=[candidate.pk]) not in page  # no Allocate button
    response = client.post(reverse("village:allocate", args=[candidate.pk]),
                           {"unit": unit("02B").pk, "allocated_on": "2017-04-01"})
    assert response.status_code == 200 and not unit("02B").occupancies.exists()


def test_the_replacement_takes_the_freed_place_without_exceeding_the_quota(actors, full_round):
    selection, housed, waiting = full_round
    services.end_occupancy(occupancy=housed[0], by=actors["kabid"], reason="expelled", on=date(2017, 6, 15),
                           decision="188/1/2017", note="tidak menempati rumah")
    offer = unit("01A").offers.get(status=OfferStatus.OPEN)
    assert offer.candidate == waiting
    services.allocate(candidate=waiting, unit=unit("01A"), by=actors["operator"], on=date(2017, 7, 1))
    figures = selectors.program_figures(site())
    assert services.places_taken(selection) == 2 == selection.quota
    assert (figures["accepted"], figures["exited"], figures["waiting"]) == (2, 1, 0)
    # The round stays editable: it can be closed, and its quota cannot go below the places taken.
    closed = services_program.save_round(site=site(), by=actors["kabid"], selection=selection, name=selection.name,
                                         year=selection.year, quota=2, opened_on=selection.opened_on, closed=True)
    assert closed.closed
    with pytest.raises(ValidationError) as exc:
        services_program.save_round(site=site(), by=actors["kabid"], selection=selection, name=selection.name,
                                    year=selection.year, quota=1, opened_on=selection.opened_on)
    assert "quota" in exc.value.error_dict


def test_no_offer_when_the_round_has_no_free_place(actors, lks_org, full_round):
    """A unit freed by something else than a household leaving (here: a third unit brought back into use) does
    not make room in a full round: the waiting list gets no offer."""
    selection, housed, waiting = full_round
    assert services.offer_vacancy(unit=unit("02A"), by=actors["operator"]) is None
    assert not waiting.offers.exists()


def test_a_freed_place_is_kept_for_the_offer_then_free_for_the_final_selection(actors, lks_org, full_round):
    selection, housed, waiting = full_round
    late = sent(nominated(selection, actors["operator"], name="Terlambat", birth_year=1990), actors["peksos"],
                lks_org, actors["kemensos"])
    services.end_occupancy(occupancy=housed[1], by=actors["peksos"], reason="graduated", on=date(2018, 1, 5))
    offer = unit("01B").offers.get(status=OfferStatus.OPEN)
    with pytest.raises(ValidationError) as exc:  # the place is kept for the household offered the unit
        services.final_selection(candidate=late, by=actors["kemensos"], decision="accepted", reasons="memenuhi")
    assert "decision" in exc.value.error_dict
    services.decline_offer(offer=offer, by=actors["operator"], note="sudah punya rumah")
    decided = services.final_selection(candidate=late, by=actors["kemensos"], decision="accepted", reasons="memenuhi")
    assert decided.status == CandidateStatus.ACCEPTED and services.places_taken(selection) == 2
