"""The village figures of the dashboard and the monthly report, on a constructed history (docs/measures.md)."""

from datetime import date
from decimal import Decimal

import pytest

from desaku.core.models import PPKSCategory
from desaku.people import services as people_services
from desaku.reports import figures
from desaku.reports.figures import Filters
from desaku.village import services
from desaku.village.tests.helpers import a_round, accepted, nominated, site, unit

Q1 = Filters(start=date(2025, 1, 1), end=date(2025, 3, 31))


@pytest.fixture
def history(actors, lks_org):
    """Households H1–H3 (the department's) and H4 (found by LKS A), all allocated a unit on 10 January 2025.
    H1 moves in 15 January, H2 on 3 February, H3 on 5 February; H4 never moves in. H2 graduates on 10 March, H3 is
    expelled on 20 March. Incomes: H1 Rp1.200.000 (January) and Rp1.600.000 (February), H2 Rp800.000 (January).
    H1's enterprise sells 10 rempeyek at Rp15.000 in February."""
    operator, peksos, kabid, reviewer = actors["operator"], actors["peksos"], actors["kabid"], actors["kemensos"]
    selection = a_round()
    candidates = [accepted(nominated(selection, operator, name=f"Kepala {i}", birth_year=1970 + i), peksos, lks_org,
                           reviewer) for i in range(1, 4)]
    candidates.append(accepted(nominated(selection, actors["lks_a"], name="Kepala LKS", birth_year=1980), peksos,
                               lks_org, reviewer))
    occupancies = [services.allocate(candidate=c, unit=unit(number), by=operator, on=date(2025, 1, 10))
                   for c, number in zip(candidates, ("01A", "01B", "02A", "02B"), strict=True)]
    for occupancy, day in zip(occupancies, (date(2025, 1, 15), date(2025, 2, 3), date(2025, 2, 5)), strict=False):
        services.move_in(occupancy=occupancy, by=operator, on=day)
    services.end_occupancy(occupancy=occupancies[1], by=kabid, reason="graduated", on=date(2025, 3, 10))
    services.end_occupancy(occupancy=occupancies[2], by=kabid, reason="expelled", on=date(2025, 3, 20),
                           decision="SK-07/2025", note="tidak menempati rumah")
    h1, h2 = candidates[0].household, candidates[1].household
    services.record_income(household=h1, by=operator, month=date(2025, 1, 1), amount=Decimal(1_200_000))
    services.record_income(household=h1, by=operator, month=date(2025, 2, 1), amount=Decimal(1_600_000))
    services.record_income(household=h2, by=operator, month=date(2025, 1, 1), amount=Decimal(800_000))
    enterprise = services.create_enterprise(site=site(), by=operator, name="Rempeyek Bu Kepala", kind="household",
                                            households=[h1])
    product = services.save_product(by=operator, enterprise=enterprise, name="Rempeyek kacang", price=Decimal(15_000))
    services.record_sale(product=product, by=operator, sold_on=date(2025, 2, 14), quantity=10, household=h1)
    return candidates


def compute(key, user, filters=Q1):
    return figures.get(key).compute(filters, user)


def test_occupancy_per_month(history, actors):
    result = compute("village.occupancy", actors["kadis"])
    # 40 units. Holding a unit at the month's end: January and February all 4 (10.0 %); March H1 and H4 = 2
    # (5.0 %). Moved in: January H1, February H2 and H3. Left: March H2 and H3.
    assert result.rows == [["2025-01", 40, 4, 10.0, 1, 0], ["2025-02", 40, 4, 10.0, 2, 0],
                           ["2025-03", 40, 2, 5.0, 0, 2]]
    assert figures.get("village.occupancy").headline(result) == 2


def test_graduation_and_expulsions(history, actors):
    result = compute("village.exits", actors["kadis"])
    # Moved out 0, graduated 1 (50.0 %), expelled 1 (50.0 %), deceased 0.
    assert [row[1:] for row in result.rows] == [[0, 0.0], [1, 50.0], [1, 50.0], [0, 0.0]]
    assert figures.get("village.exits").headline(result) == 2


def test_income_and_sales(history, actors):
    result = compute("village.income", actors["kadis"])
    # January: H1 and H2 reported, Rp2.000.000, average Rp1.000.000. February: H1 only, Rp1.600.000; sales 10 ×
    # Rp15.000 = Rp150.000. March: nothing.
    assert result.rows == [["2025-01", 2, 2_000_000, 1_000_000, 0], ["2025-02", 1, 1_600_000, 1_600_000, 150_000],
                           ["2025-03", 0, 0, None, 0]]
    # Headline: Rp3.600.000 over 3 reports = Rp1.200.000.
    assert figures.get("village.income").headline(result) == 1_200_000


def test_scope_an_lks_sees_only_the_household_it_found(history, actors):
    result = compute("village.occupancy", actors["lks_a"])
    assert [row[2] for row in result.rows] == [1, 1, 1]  # H4, allocated and holding the unit
    assert [row[1] for row in compute("village.income", actors["lks_a"]).rows] == [0, 0, 0]


def test_place_and_category_filters(history, actors):
    klojen = Filters(start=Q1.start, end=Q1.end, kecamatan="35.73.02")
    # The village is in Kedungkandang: nothing (and no units) in Klojen.
    assert compute("village.occupancy", actors["kadis"], klojen).rows[0] == ["2025-01", 0, 0, 0.0, 0, 0]
    kedungkandang = Filters(start=Q1.start, end=Q1.end, kecamatan="35.73.03")
    assert compute("village.occupancy", actors["kadis"], kedungkandang).rows[0] == ["2025-01", 40, 4, 10.0, 1, 0]
    gelandangan = PPKSCategory.objects.get(code="PPKS-11")
    head = history[0].household.memberships.first().person
    people_services.classify(person=head, by=actors["operator"], category=gelandangan, valid_from=date(2024, 6, 1))
    only = Filters(start=Q1.start, end=Q1.end, category=gelandangan.pk)
    # Only H1 has a member of the category.
    assert [row[2] for row in compute("village.occupancy", actors["kadis"], only).rows] == [1, 1, 1]
    assert [row[1] for row in compute("village.income", actors["kadis"], only).rows] == [1, 1, 0]
