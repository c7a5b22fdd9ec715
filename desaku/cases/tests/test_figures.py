"""The case figures of the dashboard and the monthly report, on a constructed history (docs/measures.md)."""

from datetime import date

import pytest

from desaku.cases import services
from desaku.cases.tests.helpers import exit_destination, institution
from desaku.core.models import Region
from desaku.people import services as people_services
from desaku.people.tests.factories import make_person
from desaku.reports import figures
from desaku.reports.figures import Filters

MARCH_APRIL = Filters(start=date(2025, 3, 1), end=date(2025, 4, 30))


def compute(key, user, filters=MARCH_APRIL):
    return figures.get(key).compute(filters, user)


def kelurahan(index=0):
    return Region.objects.filter(level=4, code__startswith="35.73.02.").order_by("code")[index]


@pytest.fixture
def history(actors):
    """Department cases a, b, c (opened in March; c closed 15 April), d (opened in February, closed 5 March), a
    household case h (opened 25 March, household in Klojen's first kelurahan), an LKS case e (12 March) and an
    ABH case (never counted)."""
    peksos, lks = actors["peksos"], actors["lks_a"]
    k1 = kelurahan(0)

    def case(by, name, opened, **person_data):
        person = make_person(by, name, **person_data)
        return services.open_case(person=person, case_type="anak", by=by, worker=by, opened_on=opened)

    cases = {
        "a": case(peksos, "Asih", date(2025, 3, 3), domicile_kelurahan=k1),
        "b": case(peksos, "Bowo", date(2025, 3, 10)),
        "c": case(peksos, "Cahyo", date(2025, 3, 20)),
        "d": case(peksos, "Dewi", date(2025, 2, 10)),
        "e": case(lks, "Eko", date(2025, 3, 12)),
    }
    head = make_person(peksos, "Hadi Keluarga")
    household = people_services.create_household(by=peksos, head=head, kelurahan=k1, address="Jl. Kenanga 3")
    cases["h"] = services.open_case(household=household, case_type="other", by=peksos, worker=peksos,
                                    opened_on=date(2025, 3, 25))
    services.open_case(person=make_person(peksos, "Fajar ABH"), case_type="abh", by=peksos, worker=peksos,
                       opened_on=date(2025, 3, 15))
    services.close_case(case=cases["c"], by=peksos, exit_destination=exit_destination(), reason="kembali ke keluarga",
                        closed_on=date(2025, 4, 15))
    services.close_case(case=cases["d"], by=peksos, exit_destination=exit_destination(), reason="selesai",
                        closed_on=date(2025, 3, 5))
    # Plans: a's review was due 20 April (overdue on 30 April), b's is due 10 May, h's 1 June; e has no plan.
    plan_a = services.save_plan(case=cases["a"], by=peksos, next_review_on=date(2025, 4, 20))
    services.save_plan(case=cases["b"], by=peksos, next_review_on=date(2025, 5, 10))
    services.save_plan(case=cases["h"], by=peksos, next_review_on=date(2025, 6, 1))
    goal = services.add_goal(plan=plan_a, by=peksos, description="Kembali sekolah")
    services.add_action(goal=goal, by=peksos, description="Daftar sekolah", responsible=peksos,
                        due_on=date(2025, 4, 1))  # open and past its date on 30 April
    services.add_action(goal=goal, by=peksos, description="Seragam", responsible=peksos, due_on=date(2025, 5, 5))
    # Referrals: b → UPT, sent 1 March, never answered; a → UPT, sent 20 March, accepted 25 March; e → RSJ, sent
    # 20 April; a draft (never sent) is not counted.
    upt, rsj = institution(), institution("RSJ Radjiman Wediodiningrat")
    r_b = services.create_referral(case=cases["b"], by=peksos, reason="rehabilitasi", institution=upt)
    services.advance_referral(referral=r_b, by=peksos, action="send", on=date(2025, 3, 1))
    r_a = services.create_referral(case=cases["a"], by=peksos, reason="asesmen", institution=upt)
    services.advance_referral(referral=r_a, by=peksos, action="send", on=date(2025, 3, 20))
    services.advance_referral(referral=r_a, by=peksos, action="accept", on=date(2025, 3, 25))
    r_e = services.create_referral(case=cases["e"], by=lks, reason="psikiatri", institution=rsj)
    services.advance_referral(referral=r_e, by=lks, action="send", on=date(2025, 4, 20))
    services.create_referral(case=cases["a"], by=peksos, reason="draf", internal_service="Bidang Linjamsos")
    return cases


def test_cases_opened_and_closed_per_month(history, actors):
    result = compute("cases.per_month", actors["kadis"])
    # March: opened a, b, c, e, h = 5 (the ABH case is never counted); closed d (5 March) = 1; open on 31 March:
    # a, b, c, e, h = 5. April: nothing opened; c closed; open on 30 April: a, b, e, h = 4.
    assert result.rows == [["2025-03", 5, 1, 5], ["2025-04", 0, 1, 4]]
    assert figures.get("cases.per_month").headline(result) == 5


def test_active_cases_and_overdue_work(history, actors):
    result = compute("cases.overdue", actors["kadis"])
    # On 30 April: active a, b, e, h = 4; a's review (20 April) is overdue = 1 (25.0 %); e has no plan = 1;
    # one open action past its date (1 April); b's referral sent 1 March is unanswered for more than 14 days
    # (a's was answered, e's was sent on 20 April).
    assert [row[1] for row in result.rows] == [4, 1, 1, 1, 1]
    assert [row[2] for row in result.rows[:3]] == [100.0, 25.0, 25.0]
    assert figures.get("cases.overdue").headline(result) == 1
    assert figures.get("cases.overdue").comparable is False


def test_referrals_by_institution_and_status(history, actors):
    result = compute("cases.referrals", actors["kadis"])
    # UPT: 2 sent (b waiting, a accepted); RSJ: 1 sent (waiting); the draft is not counted.
    assert result.rows == [["UPT Rehabilitasi Sosial Bina Laras Pasuruan", 2, 1, 1, 0, 0],
                           ["RSJ Radjiman Wediodiningrat", 1, 1, 0, 0, 0]]


def test_scope_an_lks_and_a_department_head_count_only_their_cases(history, actors):
    # The LKS sees only its case e: opened 12 March, still open; its referral to the RSJ.
    assert compute("cases.per_month", actors["lks_a"]).rows == [["2025-03", 1, 0, 1], ["2025-04", 0, 0, 1]]
    assert compute("cases.referrals", actors["lks_a"]).rows == [["RSJ Radjiman Wediodiningrat", 1, 1, 0, 0, 0]]
    # The Kepala Bidang (organisation scope, the department) sees a, b, c, d, h but not e.
    assert compute("cases.per_month", actors["kabid"]).rows == [["2025-03", 4, 1, 4], ["2025-04", 0, 1, 3]]
    # The figures are for readers of the reports only.
    assert figures.get("cases.per_month").visible_to(actors["kabid"])
    assert not figures.get("cases.per_month").visible_to(actors["peksos"])


def test_place_filter_uses_the_domicile_or_the_household(history, actors):
    k1 = kelurahan(0)
    only_k1 = Filters(start=MARCH_APRIL.start, end=MARCH_APRIL.end, kelurahan=k1.code)
    # a (domicile in k1) and the household case h (household in k1).
    assert compute("cases.per_month", actors["kadis"], only_k1).rows == [["2025-03", 2, 0, 2], ["2025-04", 0, 0, 2]]
    elsewhere = Filters(start=MARCH_APRIL.start, end=MARCH_APRIL.end, kecamatan="35.73.01")
    assert compute("cases.per_month", actors["kadis"], elsewhere).rows == [["2025-03", 0, 0, 0], ["2025-04", 0, 0, 0]]
    # Organisation filter: the LKS's organisation holds only e.
    lks_only = Filters(start=MARCH_APRIL.start, end=MARCH_APRIL.end, organisation=actors["lks_a"].organisation_id)
    assert compute("cases.per_month", actors["kadis"], lks_only).rows == [["2025-03", 1, 0, 1], ["2025-04", 0, 0, 1]]


def test_category_filter_counts_the_person_or_a_household_member(history, actors):
    from desaku.core.models import PPKSCategory

    peksos = actors["peksos"]
    anjal = PPKSCategory.objects.get(code="PPKS-04")
    people_services.classify(person=history["b"].person, by=peksos, category=anjal, valid_from=date(2024, 1, 1))
    filters = Filters(start=MARCH_APRIL.start, end=MARCH_APRIL.end, category=anjal.pk)
    # b only (the household h has no member of the category).
    assert compute("cases.per_month", actors["kadis"], filters).rows == [["2025-03", 1, 0, 1], ["2025-04", 0, 0, 1]]
    member = history["h"].household.memberships.first().person
    people_services.classify(person=member, by=peksos, category=anjal, valid_from=date(2024, 1, 1))
    assert compute("cases.per_month", actors["kadis"], filters).rows == [["2025-03", 2, 0, 2], ["2025-04", 0, 0, 2]]
