"""The exports of the core list pages (declared in desaku.reports.core_exports): my tasks by tab, the change
history and the access log with their filters (auditors and administrators only), my own notifications; each
the page's rows, and a history entry about a protected child with the child's initials."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from desaku.core import tasklist
from desaku.core.models import Notification
from desaku.people import identity
from desaku.people.tests.factories import make_person
from desaku.reports.tests.export_checks import client_for, page_items, rows_of

pytestmark = pytest.mark.django_db


def test_tasks_export_follows_the_tab(actors):
    peksos, kabid = actors["peksos"], actors["kabid"]
    today = timezone.localdate()
    tasklist.create_task(title="Kunjungan rumah", assigned_to=peksos, due_on=today, by=peksos)
    tasklist.create_task(title="=Laporan terlambat", assigned_to=peksos, due_on=today - timedelta(days=3), by=kabid)
    tasklist.create_task(title="Tugas Kabid", assigned_to=kabid, due_on=today, by=kabid)
    client = client_for(peksos)
    for show in ("open", "overdue", "done", "team"):
        rows = rows_of(client.get(reverse("reports:export_tasks"), {"show": show}))
        assert [r[0] for r in rows] == [t.pk for t in page_items(client.get(reverse("task_list"), {"show": show}))]
    rows = rows_of(client.get(reverse("reports:export_tasks"), {"show": "overdue"}))
    assert [r[1] for r in rows] == ["'=Laporan terlambat"]
    assert "Tugas Kabid" not in [r[1] for r in rows_of(client.get(reverse("reports:export_tasks")))]


def test_audit_and_access_exports_follow_the_filters(actors, monkeypatch):
    auditor = actors["auditor"]
    child = make_person(actors["operator"], "Rafi Ardiansyah")
    make_person(actors["operator"], "Budi Santoso")
    client = client_for(auditor)
    query = {"model_label": "people.Person"}
    rows = rows_of(client.get(reverse("reports:export_audit"), query))
    assert rows and {r[4] for r in rows} == {"people.Person"}
    assert [r[0] for r in rows] == [e.pk for e in page_items(client.get(reverse("audit_list"), query))]
    assert "Rafi Ardiansyah" in [r[6] for r in rows]
    monkeypatch.setattr(identity, "_PROVIDERS", [lambda user, ids: {child.pk} & set(ids)])
    rows = rows_of(client.get(reverse("reports:export_audit"), query))
    shown = [r[6] for r in rows if r[5] == str(child.pk)]
    assert shown and set(shown) == {"R. A."} and "Budi Santoso" in [r[6] for r in rows]
    log = rows_of(client.get(reverse("reports:export_access_log"), {"action": "export"}))
    assert log and {r[3] for r in log} == {"export"}  # the audit exports above, written to the access log
    page = page_items(client.get(reverse("access_log_list"), {"action": "export"}))
    assert [r[0] for r in log] == [e.pk for e in page]  # this export included (logged before it is written)
    assert client_for(actors["peksos"]).get(reverse("reports:export_audit")).status_code == 403


def test_notifications_export_is_mine_only(actors):
    peksos, kabid = actors["peksos"], actors["kabid"]
    Notification.objects.create(user=peksos, title="Rujukan menunggu", key="a")
    Notification.objects.create(user=kabid, title="Bukan untuk Peksos", key="b")
    rows = rows_of(client_for(peksos).get(reverse("reports:export_notifications")))
    assert [r[1] for r in rows] == ["Rujukan menunggu"]
