"""The aid figures of the dashboard and the monthly report, on a constructed history (docs/measures.md)."""

from datetime import date

import pytest

from desaku.aid import services
from desaku.aid.tests.helpers import active, approved_cycle, program, severe_person, today
from desaku.reports import figures
from desaku.reports.figures import Filters

YEAR = today().year
FEB_MARCH = Filters(start=date(YEAR, 2, 1), end=date(YEAR, 3, 31))


@pytest.fixture
def history(actors):
    """ASPD (budget Rp9.000.000, Rp900.000 a payment), enrolees s1 (proposed by the Peksos), s2 (Blimbing) and s3
    (proposed by LKS A), all from 1 January. Cycle 1 pays s1 on 10 February, s2 on 5 March, s3 on 10 March; cycle 2
    pays s1 on 20 March (s2 and s3 not yet)."""
    operator, kabid, peksos, lks = actors["operator"], actors["kabid"], actors["peksos"], actors["lks_a"]
    aspd = program(operator, code="aspd-fig", name="ASPD Uji")
    s1 = active(aspd, severe_person(peksos, "Sri Satu"), peksos, operator, kabid)
    s2 = active(aspd, severe_person(operator, "Siti Dua", kelurahan="35.73.01.1001"), operator, operator, kabid)
    s3 = active(aspd, severe_person(lks, "Slamet Tiga"), lks, operator, kabid)
    first = approved_cycle(aspd, operator, kabid, name="Tahap 1")
    second = approved_cycle(aspd, operator, kabid, name="Tahap 2")

    def pay(cycle, enrolment, day):
        services.pay_line(line=cycle.lines.get(enrolment=enrolment), by=operator, method="bank",
                          reference=f"TRF-{cycle.pk}-{enrolment.pk}", paid_on=day)

    pay(first, s1, date(YEAR, 2, 10))
    pay(first, s2, date(YEAR, 3, 5))
    pay(first, s3, date(YEAR, 3, 10))
    pay(second, s1, date(YEAR, 3, 20))
    return aspd


def compute(key, user, filters=FEB_MARCH):
    return figures.get(key).compute(filters, user)


def row_of(result, label):
    return next(row for row in result.rows if str(row[0]) == label)


def test_payments_per_month(history, actors):
    result = compute("aid.payments", actors["kadis"])
    # February: s1 = 1 payment, 1 person, Rp900.000. March: s2, s3, s1 = 3 payments, 3 persons, Rp2.700.000.
    assert result.rows == [[f"{YEAR}-02", 1, 1, 900_000], [f"{YEAR}-03", 3, 3, 2_700_000]]
    assert figures.get("aid.payments").headline(result) == 3_600_000


def test_enrolees_and_payments_per_program(history, actors):
    result = compute("aid.coverage", actors["kadis"])
    # On 31 March: 3 enrolled, none suspended, none started in February–March (all from 1 January); 3 distinct
    # recipients paid Rp3.600.000 in the period.
    assert row_of(result, f"ASPD Uji {YEAR}")[1:6] == [3, 0, 0, 3, 3_600_000]


def test_budget_absorption(history, actors):
    result = compute("aid.absorption", actors["kadis"])
    # Paid up to 31 March: Rp3.600.000 of Rp9.000.000 = 40.0 %.
    assert row_of(result, f"ASPD Uji {YEAR}")[2:] == [9_000_000, 3_600_000, 40.0]
    only_february = Filters(start=date(YEAR, 2, 1), end=date(YEAR, 2, 28))
    assert row_of(compute("aid.absorption", actors["kadis"], only_february), f"ASPD Uji {YEAR}")[2:] == [
        9_000_000, 900_000, 10.0]


def test_scope_own_and_lks_users_count_only_their_enrolees(history, actors):
    # The Peksos proposed s1 only: Rp900.000 in February and in March.
    assert compute("aid.payments", actors["peksos"]).rows == [[f"{YEAR}-02", 1, 1, 900_000],
                                                              [f"{YEAR}-03", 1, 1, 900_000]]
    # LKS A proposed s3 only: paid on 10 March.
    assert compute("aid.payments", actors["lks_a"]).rows == [[f"{YEAR}-02", 0, 0, 0], [f"{YEAR}-03", 1, 1, 900_000]]
    assert row_of(compute("aid.coverage", actors["lks_a"]), f"ASPD Uji {YEAR}")[1:6] == [1, 0, 0, 1, 900_000]


def test_place_filter_uses_the_recipients_domicile(history, actors):
    blimbing = Filters(start=FEB_MARCH.start, end=FEB_MARCH.end, kecamatan="35.73.01")
    # Only s2 lives in Blimbing: paid on 5 March.
    assert compute("aid.payments", actors["kadis"], blimbing).rows == [[f"{YEAR}-02", 0, 0, 0],
                                                                       [f"{YEAR}-03", 1, 1, 900_000]]
    result = compute("aid.absorption", actors["kadis"], blimbing)
    assert row_of(result, f"ASPD Uji {YEAR}")[3:] == [900_000, 10.0] and result.note


def test_coverage_share_uses_the_daily_eligible_count(history, actors):
    """Two more persons pass ASPD's rules without an enrolment: on 15 March the job counts 2 eligible, not enrolled;
    coverage at 31 March = 3 enrolled / (3 + 2) = 60.0 %. A count made after the period's end is not used, and a
    reader who does not see the whole city, or a place filter, gets no share (the count is city-wide)."""
    severe_person(actors["operator"], "Sumi Empat")
    severe_person(actors["operator"], "Sarno Lima")
    services.count_eligible(date(YEAR, 4, 10))  # after the period: ignored for February–March
    assert row_of(compute("aid.coverage", actors["kadis"]), f"ASPD Uji {YEAR}")[6:] == [None, None, None]
    services.count_eligible(date(YEAR, 3, 15))
    services.count_eligible(date(YEAR, 3, 15))  # counted again the same day: replaced, not added
    result = compute("aid.coverage", actors["kadis"])
    assert row_of(result, f"ASPD Uji {YEAR}")[6:] == [2, 60.0, date(YEAR, 3, 15)] and not result.note
    lks = compute("aid.coverage", actors["lks_a"])
    assert row_of(lks, f"ASPD Uji {YEAR}")[6:] == [None, None, None] and lks.note
    blimbing = Filters(start=FEB_MARCH.start, end=FEB_MARCH.end, kecamatan="35.73.01")
    assert row_of(compute("aid.coverage", actors["kadis"], blimbing), f"ASPD Uji {YEAR}")[7] is None
