"""The training figures of the dashboard and the monthly report, on a constructed history (docs/measures.md)."""

from datetime import date
from decimal import Decimal

import pytest

from desaku.reports import figures
from desaku.reports.figures import Filters
from desaku.training import services
from desaku.training.tests.helpers import batch, course, run_to_completion, trainee

MARCH = Filters(start=date(2025, 3, 1), end=date(2025, 3, 31))
JUNE_SEPTEMBER = Filters(start=date(2025, 6, 1), end=date(2025, 9, 30))


@pytest.fixture
def history(actors):
    """Department batch A (10–12 March 2025): p1, p2 complete, p3 scores 50 (does not complete), p4 withdraws.
    LKS batch B (same days): q1 completes. Follow-ups at 3 months: p1 employed Rp2.000.000, p2 own business
    Rp1.000.000, q1 not working; the 6-month ones (due 12 September) are never done."""
    operator, lks = actors["operator"], actors["lks_a"]
    the_course = course(operator)
    a = batch(operator, the_course, start=date(2025, 3, 10), days=3, name="Menjahit A")
    b = batch(lks, the_course, start=date(2025, 3, 10), days=3, name="Menjahit B")
    p = [services.enrol(batch=a, person=trainee(operator, f"Peserta {i}", birth_year=1980 + i), by=operator)
         for i in range(1, 5)]
    q1 = services.enrol(batch=b, person=trainee(lks, "Peserta LKS"), by=lks)
    services.withdraw(enrolment=p[3], by=operator, reason="pindah kota", on=date(2025, 3, 10))
    run_to_completion(a, operator, scores={p[2].pk: 50})
    run_to_completion(b, lks)
    for enrolment, by, work, income, day in ((p[0], operator, "employed", 2_000_000, date(2025, 6, 20)),
                                             (p[1], operator, "own_business", 1_000_000, date(2025, 7, 1)),
                                             (q1, lks, "not_working", None, date(2025, 6, 15))):
        follow_up = enrolment.follow_ups.get(months=3)
        services.record_follow_up(follow_up=follow_up, by=by, work_status=work, done_on=day,
                                  monthly_income=Decimal(income) if income else None)
    return a, b


def compute(key, user, filters):
    return figures.get(key).compute(filters, user)


def test_completion_by_skill(history, actors):
    result = compute("training.completion", actors["kadis"], MARCH)
    # Menjahit: 5 participants (4 in A, 1 in B; the withdrawn one included); completed p1, p2, q1 = 3; not
    # completed p3 = 1; withdrawn p4 = 1; completion % = 3 / (3 + 1) = 75.0.
    assert [row[1:] for row in result.rows] == [[5, 3, 1, 1, 0, 75.0], [5, 3, 1, 1, 0, 75.0]]  # skill, total
    assert figures.get("training.completion").headline(result) == 3
    # Batches that ended in another month are not counted.
    assert compute("training.completion", actors["kadis"], Filters(start=date(2025, 4, 1),
                                                                    end=date(2025, 4, 30))).rows == []


def test_outcomes_at_three_and_six_months(history, actors):
    result = compute("training.outcomes", actors["kadis"], JUNE_SEPTEMBER)
    # 3 months: 3 followed up (employed 1, own business 1, not working 1); working 2/3 = 66.7 %; average income of
    # those working (2.000.000 + 1.000.000) / 2 = 1.500.000; none due and missed. 6 months: none done, all 3 due
    # on 12 September and not done.
    assert [row[1:] for row in result.rows] == [[3, 1, 1, 1, 66.7, 1_500_000, 0], [0, 0, 0, 0, 0.0, None, 3]]
    assert figures.get("training.outcomes").headline(result) == 2


def test_scope_an_lks_counts_only_its_batch(history, actors):
    lks = actors["lks_a"]
    completion = compute("training.completion", lks, MARCH)
    assert [row[1:] for row in completion.rows] == [[1, 1, 0, 0, 0, 100.0], [1, 1, 0, 0, 0, 100.0]]
    outcomes = compute("training.outcomes", lks, JUNE_SEPTEMBER)
    assert [row[1:] for row in outcomes.rows] == [[1, 0, 0, 1, 0.0, None, 0], [0, 0, 0, 0, 0.0, None, 1]]
    # The Kepala Bidang (the department's organisation) sees batch A only.
    kabid = compute("training.completion", actors["kabid"], MARCH)
    assert kabid.rows[-1][1:] == [4, 2, 1, 1, 0, 66.7]


def test_organisation_and_place_filters(history, actors):
    lks_only = Filters(start=MARCH.start, end=MARCH.end, organisation=actors["lks_a"].organisation_id)
    assert compute("training.completion", actors["kadis"], lks_only).rows[-1][1:] == [1, 1, 0, 0, 0, 100.0]
    # Nobody has a domicile recorded, so a place filter leaves no participant.
    klojen = Filters(start=MARCH.start, end=MARCH.end, kecamatan="35.73.02")
    assert compute("training.completion", actors["kadis"], klojen).rows == []
