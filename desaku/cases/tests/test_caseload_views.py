"""Caseload views: my caseload, the team caseload for supervisors, the Excel export (masked, logged)."""

import io

import pytest

from desaku.cases import services
from desaku.cases.tests.helpers import exit_destination, opened, today
from desaku.core.models import AccessLogEntry
from desaku.people.tests.factories import make_person


@pytest.mark.django_db
def test_my_caseload_lists_my_cases_only(actors, child, client):
    peksos, operator = actors["peksos"], actors["operator"]
    mine = opened(child, peksos)
    opened(make_person(operator, "Lain"), operator)
    client.force_login(peksos)
    assert [c.pk for c in client.get("/cases/").context["page"]] == [mine.pk]


@pytest.mark.django_db
def test_team_caseload_counts_by_worker_and_status(actors, child, client):
    peksos, operator = actors["peksos"], actors["operator"]
    opened(child, peksos)
    closed = opened(make_person(peksos, "Dua"), peksos)
    services.close_case(case=closed, by=peksos, exit_destination=exit_destination(), reason="selesai")
    services.add_note(case=closed, by=peksos, text="kunjungan", kind="visit", noted_on=today())
    opened(make_person(operator, "Tiga"), operator)
    client.force_login(actors["kabid"])
    rows = {r["worker"].username: r for r in client.get("/cases/team/").context["rows"]}
    assert rows["t_peksos"]["counts"]["open"] == 1 and rows["t_peksos"]["counts"]["closed"] == 1
    assert rows["t_peksos"]["last_contact"] == today()
    assert rows["t_operator"]["total"] == 1
    client.force_login(peksos)
    assert client.get("/cases/team/").status_code == 403


@pytest.mark.django_db
def test_export_masks_the_nik_and_is_logged(actors, client):
    from openpyxl import load_workbook

    from desaku.people.tests.factories import nik_for

    peksos = actors["peksos"]
    person = make_person(peksos, "Siti Aminah", nik=nik_for(today().replace(year=1990), female=True))
    opened(person, peksos)
    client.force_login(peksos)
    response = client.get("/cases/export/?case_type=anak")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert "Siti Aminah" in values and person.nik_masked in values
    assert not any(v.isdigit() and len(v) == 16 for v in values)
    assert AccessLogEntry.objects.filter(action="export", model_label="cases.Case").exists()
