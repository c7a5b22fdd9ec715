"""Undelivered lines of a cycle are carried into the program's next cycle: merged with the person's regular
line (one line per person per cycle), re-checked for eligibility, counted against the budget only once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from desaku.aid import services
from desaku.aid.models import LineStatus
from desaku.aid.tests.helpers import active, approved_cycle, program, severe_person, today
from desaku.people import services as people_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(actors):
    op, kabid = actors["operator"], actors["kabid"]
    aspd = program(op, budget=9_000_000, amount=900_000)
    enrolments = [active(aspd, severe_person(op, f"Penerima {i}"), op, op, kabid) for i in range(3)]
    first = approved_cycle(aspd, op, kabid, "ASPD tahap 1")  # 3 × 900.000 = 2.700.000
    lines = {line.person_id: line for line in first.lines.all()}
    a, b, c = (lines[e.person_id] for e in enrolments)
    services.pay_line(line=a, by=op, method="bank", reference="TRF-1")
    services.mark_line(line=b, by=op, status=LineStatus.UNDELIVERED, note="rumah kosong saat kunjungan")
    services.mark_line(line=c, by=op, status=LineStatus.UNDELIVERED, note="tidak bisa dihubungi")
    return {"program": aspd, "first": first, "a": a, "b": b, "c": c, "enrolments": enrolments}


def _second(world, actors, name="ASPD tahap 2"):
    return services.generate_cycle(program=world["program"], by=actors["operator"], name=name,
                                   scheduled_on=today() + timedelta(days=1))


def test_undelivered_lines_are_merged_into_the_next_cycle(actors, world):
    second = _second(world, actors)
    lines = {line.person_id: line for line in second.lines.all()}
    assert second.line_count == 3  # one line per person: carried amounts merged, not extra lines
    # b and c: 900.000 regular + 900.000 carried = 1.800.000; a: 900.000.
    assert lines[world["b"].person_id].amount == Decimal(1_800_000)
    assert lines[world["b"].person_id].carried_amount == Decimal(900_000)
    assert lines[world["a"].person_id].amount == Decimal(900_000)
    assert second.total == Decimal(4_500_000)  # 900.000 + 1.800.000 + 1.800.000
    world["b"].refresh_from_db()
    assert world["b"].status == LineStatus.CARRIED and world["b"].carried_to == lines[world["b"].person_id]
    # The first cycle now commits only its paid line: 900.000. With the second approved: 900.000 + 4.500.000.
    world["first"].refresh_from_db()
    assert world["first"].total == Decimal(900_000)
    services.verify_cycle(cycle=second, by=actors["operator"])
    services.approve_cycle(cycle=second, by=actors["kabid"])
    budget = services.budget_of(world["program"])
    assert budget["committed"] == Decimal(5_400_000) and budget["remaining"] == Decimal(3_600_000)
    # A carried line cannot be paid (or changed) in its old cycle any more.
    with pytest.raises(ValidationError):
        services.pay_line(line=world["b"], by=actors["operator"], method="bank", reference="X")
    with pytest.raises(ValidationError):
        services.mark_line(line=world["b"], by=actors["operator"], status=LineStatus.CANCELLED, note="x")
    # Generating a third cycle does not carry them again.
    third = _second(world, actors, "ASPD tahap 3")
    assert third.total == Decimal(2_700_000)


def test_a_person_who_no_longer_qualifies_is_not_carried(actors, world):
    c_person = world["c"].person
    people_services.update_person(person=c_person, by=actors["operator"], data={"domicile_kelurahan": None})
    second = _second(world, actors)
    assert set(second.lines.values_list("person_id", flat=True)) == {world["a"].person_id, world["b"].person_id}
    assert second.total == Decimal(2_700_000)  # 900.000 + (900.000 + 900.000)
    world["c"].refresh_from_db()
    assert world["c"].status == LineStatus.UNDELIVERED and world["c"].carried_to is None  # left to be cancelled
    assert second.exclusions.filter(person=c_person).count() == 1
    services.mark_line(line=world["c"], by=actors["operator"], status=LineStatus.CANCELLED, note="pindah domisili")


def test_a_suspended_enrolee_is_listed_not_carried(actors, world):
    enrolment = world["enrolments"][2]
    services.suspend_enrolment(enrolment=enrolment, by=actors["operator"], reason="verifikasi ulang")
    second = _second(world, actors)
    assert second.line_count == 2 and second.total == Decimal(2_700_000)
    exclusion = second.exclusions.get(person_id=enrolment.person_id)
    assert "ASPD tahap 1" in exclusion.reasons
