"""Imports go through the same duplicate check and validation as the UI and the API."""

import io

import openpyxl
import pytest
from django.core.management import call_command

from desaku.people.importing import import_rows
from desaku.people.models import Person
from desaku.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_rows_are_imported_checked_and_reported(actors):
    make_person(actors["operator"], "Achmad Sutrisno", birth_year=1975)
    rows = [
        {"nama": "Siti Rohmah", "jenis_kelamin": "P", "tahun_lahir": "1982", "kode_kelurahan": "35.73.03.1012",
         "alias": "Bu Rohmah, Mak Rom"},
        {"nama": "Ahmad Sutrisna", "jenis_kelamin": "L", "tahun_lahir": "1976"},
        {"nama": "Joko", "jenis_kelamin": "X"},
        {"nama": "Wati", "nik": "12345"},
        {"nama": "Paijo", "kode_kelurahan": "35.07.01.2001"},
        {"nama": "", "jenis_kelamin": ""},
    ]
    results = import_rows(rows, by=actors["operator"])
    assert [r.status for r in results] == ["imported", "duplicate", "error", "error", "error"]
    assert "Achmad Sutrisno" in results[1].messages[0]
    assert results[2].messages[0].startswith("sex:")
    assert results[3].messages[0].startswith("nik:")
    assert results[4].messages[0].startswith("domicile_kelurahan:")
    siti = Person.objects.get(full_name="Siti Rohmah")
    assert sorted(siti.aliases.values_list("name", flat=True)) == ["Bu Rohmah", "Mak Rom"]
    assert not Person.objects.filter(full_name__in=["Joko", "Wati", "Paijo", "Ahmad Sutrisna"]).exists()


def test_confirm_new_imports_duplicates_with_a_logged_decision(actors):
    make_person(actors["operator"], "Achmad Sutrisno", birth_year=1975)
    results = import_rows([{"nama": "Ahmad Sutrisna", "jenis_kelamin": "L", "tahun_lahir": "1976"}],
                          by=actors["operator"], confirm_new=True)
    person = Person.objects.get(pk=results[0].person_id)
    assert person.duplicate_decisions.get().source == "import"


def test_command_reads_an_excel_file(actors, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["nama", "jenis_kelamin", "tanggal_lahir", "nik"])
    sheet.append(["Sri Wahyuni", "P", "1990-07-01", "3573014107900001"])
    path = tmp_path / "data.xlsx"
    book.save(path)
    out = io.StringIO()
    call_command("import_persons", str(path), "--as-user", "t_operator", stdout=out)
    assert "imported 1" in out.getvalue()
    assert Person.objects.get(full_name="Sri Wahyuni").nik_masked == "3573********0001"
