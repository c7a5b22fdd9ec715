"""The Excel export of Karang Werdha / KOMDA Lansia members: the filters, names only of visible persons
(NIK masked), and the background path when the list is large."""

import io
from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse

from desaku.community import services
from desaku.community.tests.helpers import group
from desaku.people.tests.factories import make_person, nik_for
from desaku.reports.models import ExportJob, ExportStatus

pytestmark = pytest.mark.django_db

NIK = nik_for(date(1950, 4, 5))


def rows_of(content):
    from openpyxl import load_workbook

    return [list(r) for r in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]


@pytest.fixture
def members(actors):
    op = actors["operator"]
    mawar = group(op, name="Karang Werdha Mawar")
    komda = group(op, name="KOMDA Lansia Kota Malang", kind="komda_lansia")
    elder = make_person(actors["peksos"], "Mbah Sarinah", sex="P", nik=NIK, birth_date=date(1950, 4, 5))
    hidden = make_person(actors["lks_a"], "Mbah Paiman")  # the Peksos may not see LKS A's person
    services.add_member(group=mawar, by=op, person=elder, role="chair", term_start=date(2024, 1, 1))
    services.add_member(group=mawar, by=op, person=hidden, term_start=date(2024, 1, 1))
    services.add_member(group=mawar, by=op, name="=cmd|' /C calc'!A0", term_start=date(2020, 1, 1),
                        term_end=date(2021, 1, 1))
    services.add_member(group=komda, by=op, name="Wakil Wali Kota", position="Ketua (ex officio)",
                        role="chair", term_start=date(2025, 1, 1))
    return {"mawar": mawar, "komda": komda, "elder": elder}


def test_members_of_one_group_with_names_only_in_scope(client, actors, members):
    client.force_login(actors["peksos"])
    response = client.get(reverse("community:export_members"), {"group": members["mawar"].pk})
    rows = rows_of(response.content)[1:]
    assert [r[1] for r in rows] == ["Karang Werdha Mawar"] * 3
    names = [r[5] for r in rows]
    assert "Mbah Sarinah" in names and "Mbah Paiman" not in names
    assert len([n for n in names if n not in ("Mbah Sarinah", "'=cmd|' /C calc'!A0")]) == 1  # "outside your scope"
    assert "'=cmd|' /C calc'!A0" in names  # a formula is text
    sarinah = next(r for r in rows if r[5] == "Mbah Sarinah")
    assert sarinah[7] == members["elder"].nik_masked and NIK not in str(rows)


def test_filters_kind_and_current_members(client, actors, members):
    client.force_login(actors["kabid"])
    rows = rows_of(client.get(reverse("community:export_members"), {"kind": "komda_lansia"}).content)[1:]
    assert [(r[1], r[5]) for r in rows] == [("KOMDA Lansia Kota Malang", "Wakil Wali Kota")]
    rows = rows_of(client.get(reverse("community:export_members"),
                              {"kind": "karang_werdha", "current": "on"}).content)[1:]
    assert len(rows) == 2  # the 2020–2021 member is not current


@override_settings(DESAKU_EXPORT_SYNC_MAX_ROWS=1,
                   TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}})
def test_a_large_member_list_is_exported_in_the_background(client, actors, members):
    client.force_login(actors["kabid"])
    response = client.get(reverse("community:export_members"), {"kind": "karang_werdha"})
    job = ExportJob.objects.get(owner=actors["kabid"], kind="community.members")
    assert response["Location"] == reverse("reports:export_detail", args=[job.pk])
    assert job.status == ExportStatus.DONE and len(rows_of(job.file.read())) == 4


def test_the_group_page_offers_the_export(client, actors, members):
    client.force_login(actors["kabid"])
    page = client.get(reverse("community:organisation_detail", args=[members["mawar"].pk]))
    assert b'data-testid="export-members"' in page.content
