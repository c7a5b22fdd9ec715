"""The aid list pages' exports: programs, eligible persons, cycles, recommendation requests and the letter
register, with the page's filters and scope (LKS A's rows absent for the Dinas and the other way round), as many
rows as the page across all its pages."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from desaku.aid import services
from desaku.aid.tests.helpers import active, approved_cycle, program, severe_person
from desaku.core import letters as core_letters
from desaku.reports.tests.export_checks import client_for, page_items, page_total, rows_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(actors, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    op, kabid, lks = actors["operator"], actors["kabid"], actors["lks_a"]
    aspd = program(op, budget=100_000_000)
    active(aspd, severe_person(op, "Sri Rahayu"), op, op, kabid)
    severe_person(op, "Parmin")  # eligible, not enrolled
    severe_person(lks, "Paijo LKS")  # eligible, outside the Dinas peksos's scope
    approved_cycle(aspd, op, kabid, name="Tahap 1")
    services.request_letter(person=severe_person(op, "Pemohon Satu"), by=op, kind="poverty", purpose="=sekolah")
    approved = services.request_letter(person=severe_person(op, "Pemohon Dua"), by=op, kind="bpjs_pbi",
                                       purpose="berobat")
    services.check_request(request=approved, by=op)
    services.decide_request(request=approved, by=kabid, approve=True)
    approved.refresh_from_db()
    letter = core_letters.issue_letter(type_code=services.LETTER_TYPES[approved.kind], subject="uji", by=kabid,
                                       record=approved)
    letter.pdf.save(f"{letter.pk}.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    letter.save_with_reason(by=kabid, reason="pdf")
    approved.letter = letter
    approved.save_with_reason(by=kabid, reason=letter.number)
    services.request_letter(person=severe_person(lks, "Pemohon LKS"), by=lks, kind="poverty", purpose="sekolah")
    return {"program": aspd, "letter": letter}


def test_cycles_export_is_the_cycle_list(actors, world):
    client = client_for(actors["kabid"])
    rows = rows_of(client.get(reverse("aid:export_cycles")))
    assert [r[1] for r in rows] == ["Tahap 1"] and rows[0][6] == 1  # one line: the active enrolment
    assert len(rows) == page_total(client.get(reverse("aid:cycle_list")))
    lks = client_for(actors["lks_a"])
    assert len(rows_of(lks.get(reverse("aid:export_cycles")))) == page_total(lks.get(reverse("aid:cycle_list")))


def test_requests_export_follows_the_status_filter_and_scope(actors, world):
    client = client_for(actors["operator"])
    rows = rows_of(client.get(reverse("aid:export_requests")))
    assert {"Pemohon Dua", "Pemohon Satu"} <= {r[2] for r in rows}
    assert "'=sekolah" in [r[5] for r in rows]
    assert [r[0] for r in rows] == [x.pk for x in page_items(client.get(reverse("aid:request_list")))]
    rows = rows_of(client.get(reverse("aid:export_requests"), {"status": "submitted"}))
    assert "Pemohon Satu" in {r[2] for r in rows} and "Pemohon Dua" not in {r[2] for r in rows}
    page = page_items(client.get(reverse("aid:request_list"), {"status": "submitted"}))
    assert [r[0] for r in rows] == [x.pk for x in page]
    lks_rows = rows_of(client_for(actors["lks_a"]).get(reverse("aid:export_requests")))
    assert [r[2] for r in lks_rows] == ["Pemohon LKS"]  # not the Dinas's


def test_letters_export_is_the_register(actors, world):
    client = client_for(actors["kabid"])
    rows = rows_of(client.get(reverse("aid:export_letters")))
    assert [(r[0], r[3]) for r in rows] == [(world["letter"].number, "Pemohon Dua")]
    assert len(rows) == page_total(client.get(reverse("aid:letter_register")))
    assert rows_of(client_for(actors["lks_a"]).get(reverse("aid:export_letters"))) == []


def test_programs_and_eligible_exports(actors, world):
    client = client_for(actors["operator"])
    rows = rows_of(client.get(reverse("aid:export_programs")))
    assert [(r[0], r[10]) for r in rows] == [("aspd", 1)]
    pk = world["program"].pk
    eligible = rows_of(client.get(reverse("aid:export_eligible", args=[pk])))
    names = [r[1] for r in eligible]
    assert "Parmin" in names and "Sri Rahayu" not in names  # enrolled already
    assert len(eligible) == page_total(client.get(reverse("aid:program_eligible", args=[pk])))
    lks_names = [r[1] for r in rows_of(client_for(actors["lks_a"]).get(reverse("aid:export_eligible", args=[pk])))]
    assert "Paijo LKS" in lks_names and "Parmin" not in lks_names
