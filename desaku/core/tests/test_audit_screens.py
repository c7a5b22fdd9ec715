from django.urls import reverse

from desaku.core.models import Institution, InstitutionType
from desaku.core.services import log_access


def test_auditor_lists_and_filters_changes(client, actors):
    Institution(name="Panti Asuhan Al-Ikhlas", type=InstitutionType.PANTI).save_with_reason(
        by=actors["admin"], reason="directory update")
    Institution(name="RS Lavalette", type=InstitutionType.HOSPITAL).save_with_reason(
        by=actors["operator"], reason="")
    client.force_login(actors["auditor"])
    response = client.get(reverse("audit_list"), {"user_query": "t_admin", "model_label": "core.Institution"})
    entries = list(response.context["page"])
    assert [e.object_repr for e in entries] == ["Panti Asuhan Al-Ikhlas"]
    detail = client.get(reverse("audit_detail", args=[entries[0].pk]))
    assert "directory update" in detail.content.decode()


def test_auditor_lists_access_log(client, actors):
    inst = Institution(name="LKS Melati", type=InstitutionType.LKS)
    inst.save()
    log_access(user=actors["peksos"], obj=inst, action="view", detail="opened the page")
    client.force_login(actors["auditor"])
    response = client.get(reverse("access_log_list"), {"action": "view"})
    assert [e.object_repr for e in response.context["page"]] == ["LKS Melati"]


def test_bad_filter_dates_give_a_message_not_an_error(client, actors):
    client.force_login(actors["auditor"])
    response = client.get(reverse("audit_list"), {"date_from": "2026-12-01", "date_to": "2026-11-01"})
    assert response.status_code == 200
    assert "Tanggal akhir lebih awal" in response.content.decode()
    response = client.get(reverse("audit_list"), {"date_from": "bukan-tanggal"})
    assert response.status_code == 200
