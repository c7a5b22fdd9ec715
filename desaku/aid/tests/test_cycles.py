"""Distribution cycles: generation re-checks eligibility (the excluded listed with reasons), the budget
ceiling at approval, a line paid once, one line per person per cycle, undelivered/carried/cancelled, stock,
the bank transfer file and the budget view."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from desaku.aid import selectors, services
from desaku.aid.models import CycleLine, CycleStatus, LineStatus
from desaku.aid.tests.helpers import active, approved_cycle, png_bytes, program, severe_person, today
from desaku.core.models import AuditEntry
from desaku.people import services as people_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(actors, aspd):
    op, kabid = actors["operator"], actors["kabid"]
    return [active(aspd, severe_person(op, f"Penerima {i}"), op, op, kabid) for i in range(3)]


def test_generation_rechecks_eligibility_and_lists_the_excluded(actors, aspd, enrolled):
    moved = enrolled[0].person
    people_services.update_person(person=moved, by=actors["operator"], data={"domicile_kelurahan": None})
    audit_before = AuditEntry.objects.filter(action="bulk_create").count()
    cycle = services.generate_cycle(program=aspd, by=actors["operator"], name="ASPD tahap 1", scheduled_on=today(),
                                    chunk_size=2)
    assert cycle.line_count == 2 and cycle.excluded_count == 1
    assert cycle.total == Decimal(1_800_000)
    assert set(cycle.lines.values_list("person_id", flat=True)) == {enrolled[1].person_id, enrolled[2].person_id}
    exclusion = cycle.exclusions.get()
    assert exclusion.person_id == moved.pk and exclusion.reasons
    # bulk writes in batches, each with one audit entry (chunk of 2 → 2 batches)
    assert AuditEntry.objects.filter(action="bulk_create").count() - audit_before == 2


def test_suspended_enrolees_get_no_line(actors, aspd, enrolled):
    services.suspend_enrolment(enrolment=enrolled[0], by=actors["operator"], reason="alamat tidak ditemukan")
    cycle = services.generate_cycle(program=aspd, by=actors["operator"], name="T1", scheduled_on=today())
    assert cycle.line_count == 2 and cycle.excluded_count == 0


def test_a_cycle_over_the_remaining_budget_cannot_be_approved(actors, aspd, enrolled):
    approved_cycle(aspd, actors["operator"], actors["kabid"], "T1")  # 2.7M of 9M
    approved_cycle(aspd, actors["operator"], actors["kabid"], "T2")  # 5.4M
    approved_cycle(aspd, actors["operator"], actors["kabid"], "T3")  # 8.1M
    fourth = services.generate_cycle(program=aspd, by=actors["operator"], name="T4", scheduled_on=today())
    services.verify_cycle(cycle=fourth, by=actors["operator"])
    with pytest.raises(ValidationError):
        services.approve_cycle(cycle=fourth, by=actors["kabid"])
    fourth.refresh_from_db()
    assert fourth.status == CycleStatus.VERIFIED
    budget = services.budget_of(aspd)
    assert budget["committed"] == Decimal(8_100_000) and budget["remaining"] == Decimal(900_000)
    # Cancelling two lines brings the cycle within the budget.
    for line in fourth.lines.all()[:2]:
        services.mark_line(line=line, by=actors["operator"], status=LineStatus.CANCELLED, note="data ganda")
    assert services.approve_cycle(cycle=fourth, by=actors["kabid"]).status == CycleStatus.APPROVED


def test_only_a_kepala_bidang_approves_and_payment_waits_for_approval(actors, aspd, enrolled):
    cycle = services.generate_cycle(program=aspd, by=actors["operator"], name="T1", scheduled_on=today())
    line = cycle.lines.first()
    with pytest.raises(ValidationError):
        services.pay_line(line=line, by=actors["operator"], method="bank", reference="TRF1")
    services.verify_cycle(cycle=cycle, by=actors["operator"])
    with pytest.raises(ValidationError):
        services.approve_cycle(cycle=cycle, by=actors["operator"])
    with pytest.raises(PermissionDenied):
        services.generate_cycle(program=aspd, by=actors["lks_a"], name="X", scheduled_on=today())


def test_a_line_is_paid_once(actors, aspd, enrolled):
    cycle = approved_cycle(aspd, actors["operator"], actors["kabid"])
    line = cycle.lines.first()
    with pytest.raises(ValidationError):
        services.pay_line(line=line, by=actors["operator"], method="bank")  # no reference
    services.pay_line(line=line, by=actors["operator"], method="bank", reference="TRF-001")
    with pytest.raises(ValidationError):
        services.pay_line(line=line, by=actors["operator"], method="bank", reference="TRF-002")
    line.refresh_from_db()
    assert line.reference == "TRF-001" and line.status == LineStatus.PAID


def test_cash_needs_evidence_and_goods_a_receiver(actors, aspd, enrolled):
    cycle = approved_cycle(aspd, actors["operator"], actors["kabid"])
    first, second, _third = cycle.lines.all()
    with pytest.raises(ValidationError):
        services.pay_line(line=first, by=actors["operator"], method="cash")
    services.pay_line(line=first, by=actors["operator"], method="cash",
                      evidence=SimpleUploadedFile("ttd.png", png_bytes()))
    with pytest.raises(ValidationError):
        services.pay_line(line=second, by=actors["operator"], method="goods")
    services.pay_line(line=second, by=actors["operator"], method="goods", received_by="Istri")


def test_one_line_per_person_per_cycle_in_the_database(actors, aspd, enrolled):
    cycle = approved_cycle(aspd, actors["operator"], actors["kabid"])
    line = cycle.lines.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        CycleLine(cycle=cycle, enrolment=line.enrolment, person=line.person, amount=1).save()


def test_undelivered_then_carried_then_paid_and_closing(actors, aspd, enrolled):
    cycle = approved_cycle(aspd, actors["operator"], actors["kabid"])
    a, b, c = cycle.lines.all()
    services.mark_line(line=a, by=actors["operator"], status=LineStatus.UNDELIVERED, note="rumah kosong")
    services.mark_line(line=a, by=actors["operator"], status=LineStatus.CARRIED, note="dibayar tahap berikut")
    services.pay_line(line=b, by=actors["operator"], method="bank", reference="T2")
    with pytest.raises(ValidationError):
        services.close_cycle(cycle=cycle, by=actors["operator"])  # c still pending
    services.mark_line(line=c, by=actors["operator"], status=LineStatus.CANCELLED, note="meninggal")
    services.close_cycle(cycle=cycle, by=actors["operator"])
    services.pay_line(line=a, by=actors["operator"], method="bank", reference="T3")  # carried: still payable
    with pytest.raises(ValidationError):
        services.pay_line(line=c, by=actors["operator"], method="bank", reference="T4")
    budget = services.budget_of(aspd)
    assert budget["paid"] == Decimal(1_800_000) and budget["committed"] == Decimal(1_800_000)
    rows = selectors.budget_rows()
    assert rows[0]["paid"] == Decimal(1_800_000)
    assert sum(m["paid"] for m in selectors.absorption_by_month()) == Decimal(1_800_000)


def test_stock_cannot_pack_or_deliver_more_than_there_is(actors):
    op = actors["operator"]
    sembako = program(op, code="sembako", kind="in_kind", amount=250_000, rules=[{"rule": "alive"}])
    active(sembako, severe_person(op), op, op, actors["kabid"])
    cycle = services.generate_cycle(program=sembako, by=op, name="Sembako T1", scheduled_on=today())
    services.record_stock(cycle=cycle, by=op, kind="received", quantity=5)
    with pytest.raises(ValidationError):
        services.record_stock(cycle=cycle, by=op, kind="packed", quantity=6)
    services.record_stock(cycle=cycle, by=op, kind="packed", quantity=5)
    services.record_stock(cycle=cycle, by=op, kind="delivered", quantity=1)
    with pytest.raises(ValidationError):
        services.record_stock(cycle=cycle, by=op, kind="delivered", quantity=5)
    assert services.stock_of(cycle) == {"received": 5, "packed": 5, "delivered": 1, "in_store": 4, "needed": 1}


def test_bank_transfer_file(actors, aspd, enrolled):
    cycle = approved_cycle(aspd, actors["operator"], actors["kabid"])
    services.pay_line(line=cycle.lines.first(), by=actors["operator"], method="bank", reference="T1")
    client = Client()
    client.force_login(actors["operator"])
    response = client.get(reverse("aid:cycle_bank_csv", args=[cycle.pk]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert len(rows) == 3  # header + the two lines still to pay
    assert rows[1][3] == "0011223344" and rows[1][5] == "900000"


def test_receipt_list_pdf_is_numbered_once(actors, aspd, enrolled, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cycle = approved_cycle(aspd, actors["operator"], actors["kabid"])
    client = Client()
    client.force_login(actors["operator"])
    first = client.get(reverse("aid:cycle_receipts", args=[cycle.pk]))
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    cycle.refresh_from_db()
    number = cycle.receipt_letter.number
    client.get(reverse("aid:cycle_receipts", args=[cycle.pk]))
    cycle.refresh_from_db()
    assert cycle.receipt_letter.number == number
