"""Two stages in order, no self-approval, the Peksos-with-LKS initial stage, the round's quota, the ranked
waiting list."""

import pytest
from django.core.exceptions import ValidationError

from desaku.village import services
from desaku.village.models import CandidateStatus
from desaku.village.tests.helpers import FULL, a_round, accepted, nominated, sent


@pytest.mark.django_db
def test_final_selection_is_impossible_before_the_initial_one(actors):
    candidate = nominated(a_round(), actors["operator"])
    with pytest.raises(ValidationError) as exc:
        services.final_selection(candidate=candidate, by=actors["kemensos"], decision="accepted", reasons="ok")
    assert "status" in exc.value.error_dict
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.NOMINATED


@pytest.mark.django_db
def test_a_failed_initial_selection_cannot_be_accepted(actors, lks_org):
    candidate = nominated(a_round(), actors["operator"])
    services.initial_selection(candidate=candidate, by=actors["peksos"], lks=lks_org, checklist=FULL, passed=False,
                               note="Tidak bersedia pindah")
    with pytest.raises(ValidationError):
        services.final_selection(candidate=candidate, by=actors["kemensos"], decision="accepted", reasons="ok")


@pytest.mark.django_db
def test_the_nominator_cannot_pass_or_approve_the_household(actors, lks_org):
    candidate = nominated(a_round(), actors["peksos"])
    with pytest.raises(ValidationError) as exc:
        services.initial_selection(candidate=candidate, by=actors["peksos"], lks=lks_org, checklist=FULL,
                                   passed=True, reviewer=actors["kemensos"])
    assert "initial_by" in exc.value.error_dict
    # An administrator nominating cannot decide the final selection either.
    other = nominated(a_round(name="Putaran 2"), actors["admin"], name="Paijo")
    sent(other, actors["peksos"], lks_org, actors["kemensos"])
    with pytest.raises(ValidationError) as exc:
        services.final_selection(candidate=other, by=actors["admin"], decision="accepted", reasons="ok")
    assert "final_by" in exc.value.error_dict


@pytest.mark.django_db
def test_initial_selection_needs_a_peksos_an_lks_and_the_required_items(actors, lks_org):
    candidate = nominated(a_round(), actors["operator"])
    with pytest.raises(ValidationError):  # an operator is not a Peksos
        services.initial_selection(candidate=candidate, by=actors["operator"], lks=lks_org, checklist=FULL,
                                   passed=True, reviewer=actors["kemensos"])
    with pytest.raises(ValidationError) as exc:  # no LKS
        services.initial_selection(candidate=candidate, by=actors["peksos"], lks=None, checklist=FULL, passed=True,
                                   reviewer=actors["kemensos"])
    assert "initial_lks" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:  # no Kota Malang KTP: a required item
        services.initial_selection(candidate=candidate, by=actors["peksos"], lks=lks_org,
                                   checklist={**FULL, "ktp_malang": False}, passed=True, reviewer=actors["kemensos"])
    assert "checklist" in exc.value.error_dict
    done = services.initial_selection(candidate=candidate, by=actors["peksos"], lks=lks_org,
                                      checklist={**FULL, "family": False}, passed=True, reviewer=actors["kemensos"])
    assert done.score == 85 and done.status == CandidateStatus.SENT and done.sent_to == actors["kemensos"]


@pytest.mark.django_db
def test_only_the_kemensos_reviewer_decides_finally(actors, lks_org):
    candidate = sent(nominated(a_round(), actors["operator"]), actors["peksos"], lks_org, actors["kemensos"])
    for actor in ("kabid", "peksos", "operator"):
        with pytest.raises(ValidationError):
            services.final_selection(candidate=candidate, by=actors[actor], decision="accepted", reasons="ok")
    with pytest.raises(ValidationError) as exc:
        services.final_selection(candidate=candidate, by=actors["kemensos"], decision="accepted", reasons="")
    assert "final_reason" in exc.value.error_dict


@pytest.mark.django_db
def test_the_quota_holds_and_the_waiting_list_is_ranked(actors, lks_org):
    selection = a_round(quota=2)
    candidates = [nominated(selection, actors["operator"], name=f"Kepala {i}", birth_year=1970 + i)
                  for i in range(5)]
    for candidate in candidates[:2]:
        accepted(candidate, actors["peksos"], lks_org, actors["kemensos"])
    third = candidates[2] = sent(candidates[2], actors["peksos"], lks_org, actors["kemensos"])
    with pytest.raises(ValidationError) as exc:
        services.final_selection(candidate=third, by=actors["kemensos"], decision="accepted", reasons="ok")
    assert "decision" in exc.value.error_dict
    ranks = []
    for candidate in candidates[2:4]:
        if candidate.status != CandidateStatus.SENT:
            sent(candidate, actors["peksos"], lks_org, actors["kemensos"])
        ranks.append(services.final_selection(candidate=candidate, by=actors["kemensos"], decision="waiting",
                                              reasons="kuota penuh").waiting_rank)
    assert ranks == [1, 2]
    assert [c.pk for c in services.waiting_list(selection)] == [candidates[2].pk, candidates[3].pk]


@pytest.mark.django_db
def test_a_household_is_nominated_once_per_round(actors):
    selection = a_round()
    candidate = nominated(selection, actors["operator"])
    with pytest.raises(ValidationError):
        services.nominate(round=selection, household=candidate.household, by=actors["peksos"])
    with pytest.raises(ValidationError) as exc:  # from a case: the case number is needed
        nominated(selection, actors["operator"], name="Slamet", source="case")
    assert "source_reference" in exc.value.error_dict
