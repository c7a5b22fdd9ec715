"""The export of the dispositions waiting for approval: the page's queue (proposed only, oldest first) in the
user's scope, nothing for an organisation that does not see the stays."""

import pytest
from django.urls import reverse

from desaku.outreach import services
from desaku.outreach.tests.helpers import admitted, approved
from desaku.people.tests.factories import make_person
from desaku.reports.tests.export_checks import client_for, rows_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(actors):
    pj, peksos, kabid = actors["penjangkauan"], actors["peksos"], actors["kabid"]
    waiting = admitted(make_person(pj, "Menunggu Satu"), pj)
    services.propose_disposition(stay=waiting, by=peksos, kind="absconded")
    approved(admitted(make_person(pj, "Sudah Disetujui"), pj), peksos, kabid)
    admitted(make_person(pj, "Belum Diusulkan"), pj)


def test_pending_export_is_the_queue(actors, queue):
    client = client_for(actors["kabid"])
    rows = rows_of(client.get(reverse("outreach:export_pending_dispositions")))
    assert [r[3] for r in rows] == ["Menunggu Satu"]
    page = client.get(reverse("outreach:pending_dispositions"))
    assert [r[0] for r in rows] == [d.pk for d in page.context["pending"]]
    lks = client_for(actors["lks_a"])
    lks_rows = rows_of(lks.get(reverse("outreach:export_pending_dispositions")))
    assert [r[0] for r in lks_rows] == [d.pk for d in lks.get(reverse("outreach:pending_dispositions")).context[
        "pending"]]
    assert "Menunggu Satu" not in [r[3] for r in lks_rows]
