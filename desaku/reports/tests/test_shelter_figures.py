"""Shelter occupancy, length of stay and dispositions by destination class (docs/measures.md)."""

from datetime import date

from desaku.outreach.models import Shelter
from desaku.reports import figures
from desaku.reports.figures import Filters
from desaku.reports.tests.helpers import person, stay

APRIL = Filters(start=date(2025, 4, 1), end=date(2025, 4, 30))


def _april_stays(actors):
    worker, kabid = actors["operator"], actors["kabid"]
    ps = [person(worker, f"Orang {n}", birth_year=1950 + n) for n in range(5)]
    stay(ps[0], worker, date(2025, 3, 28), ended=date(2025, 4, 5), approver=kabid)  # returned (permanent)
    stay(ps[1], worker, date(2025, 4, 10), ended=date(2025, 4, 24), approver=kabid, kind="absconded")  # street
    stay(ps[2], worker, date(2025, 4, 29), ended=date(2025, 5, 3), approver=kabid)  # ends in May
    stay(ps[3], worker, date(2025, 4, 1), ended=date(2025, 4, 4), approver=kabid)  # returned (permanent)
    stay(ps[4], worker, date(2025, 3, 20), ended=date(2025, 4, 15), approver=kabid, kind="released")  # unknown


def test_occupancy(actors):
    _april_stays(actors)
    result = figures.get("shelter.occupancy").compute(APRIL, actors["kadis"])
    # Nights in April (admission night up to the night before the end):
    # S1 Apr 1–4 = 4, S2 Apr 10–23 = 14, S3 Apr 29–30 = 2, S4 Apr 1–3 = 3, S5 Apr 1–14 = 14 -> 37.
    # Average 37 / 30 days = 1.23 -> 1.2 persons per night.
    beds = sum(Shelter.objects.filter(active=True).values_list("capacity", flat=True))
    month, nights, average, capacity, rate = result.rows[0]
    assert (month, nights, average, capacity) == ("2025-04", 37, 1.2, beds)
    assert rate == round(100 * 1.2 / beds, 1)


def test_length_of_stay(actors):
    _april_stays(actors)
    result = figures.get("shelter.length_of_stay").compute(APRIL, actors["kadis"])
    # Ended in April: S1 8 days, S2 14, S4 3, S5 26 (S3 ends in May).
    # 0–7: S4 = 1; 8–14: S1, S2 = 2; 15–21: 0; 22+: S5 = 1.
    assert [row[1] for row in result.rows] == [1, 2, 0, 1]
    assert "12.8" in str(result.note)  # mean (8 + 14 + 3 + 26) / 4 = 12.75


def test_dispositions_by_class(actors):
    _april_stays(actors)
    result = figures.get("outreach.dispositions").compute(APRIL, actors["kadis"])
    # Decided in April: S1 and S4 returned (permanent), S2 absconded (street), S5 released (unknown) -> 4.
    # Rows follow ExitClass: street, institution, temporary, permanent, deceased, unknown.
    assert [row[1] for row in result.rows] == [1, 0, 0, 2, 0, 1]
    assert [row[2] for row in result.rows] == [25.0, 0, 0, 50.0, 0, 25.0]


def test_beds_follow_the_shelters_history(db):
    """A shelter opened on 15 April 2025 with 10 beds, enlarged to 20 on 10 June, closed on 5 August."""
    from datetime import datetime

    from django.utils import timezone

    from desaku.core.auditing import allow_bulk_writes
    from desaku.reports.figures_outreach import beds_by_month

    pytest_shelter = Shelter(code="rs-b", name="Rumah Singgah B", capacity=10)
    pytest_shelter.save_with_reason(by=None, reason="test")
    pytest_shelter.capacity = 20
    pytest_shelter.save_with_reason(by=None, reason="test")
    pytest_shelter.active = False
    pytest_shelter.save_with_reason(by=None, reason="test")
    records = list(Shelter.history.filter(id=pytest_shelter.pk).order_by("history_id"))
    with allow_bulk_writes(reason="test: a shelter's past"):
        for record, day in zip(records, (date(2025, 4, 15), date(2025, 6, 10), date(2025, 8, 5)), strict=True):
            Shelter.history.filter(history_id=record.history_id).update(
                history_date=timezone.make_aware(datetime(day.year, day.month, day.day, 9)))
    months = [date(2025, m, 1) for m in range(3, 9)]
    beds = beds_by_month(Shelter.objects.filter(pk=pytest_shelter.pk).values("pk"), months)
    assert [beds.get(m, 0) for m in months] == [0, 10, 10, 20, 20, 0]


def test_beds_are_those_of_the_shelters_in_the_filter(actors):
    from dataclasses import replace

    from desaku.reports.tests.helpers import camp, found, kelurahan

    worker, kabid = actors["operator"], actors["kabid"]
    k1 = kelurahan("35.73.01", 0)
    p = person(worker, "Orang Tempat", birth_year=1990)
    met = found(p, worker, date(2025, 4, 2), place=k1)
    stay(p, worker, date(2025, 4, 2), ended=date(2025, 4, 12), approver=kabid, encounter=met)
    assert Shelter.objects.filter(active=True).count() > 1  # the other shelters' beds must not count
    row = figures.get("shelter.occupancy").compute(replace(APRIL, kelurahan=k1.code), actors["kadis"]).rows[0]
    assert row[3] == camp().capacity and row[1] == 10
    # A scoped user (scope "organisation"): the beds of the shelters holding the stays they see.
    assert figures.get("shelter.occupancy").compute(APRIL, kabid).rows[0][3] == camp().capacity
