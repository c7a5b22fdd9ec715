"""Who may open each core URL (the role/scope matrix for the foundation)."""

import pytest
from django.urls import reverse

from desaku.core.testing import ALL_ACTORS, AccessCase, check_access

AUDIT_READERS = frozenset({"admin", "auditor"})
# A task assigned to the Peksos: the assignee and the supervisors who see the Dinas organisation.
TASK_CHANGERS = frozenset({"peksos", "admin", "kadis", "kabid"})


def _task_setup(status):
    def setup(actors, context):
        from datetime import date

        from desaku.core import tasklist

        task = tasklist.create_task(title="Visit", assigned_to=actors["peksos"], due_on=date(2026, 12, 1),
                                    by=actors["kabid"])
        if status == "done":
            tasklist.complete_task(task=task, by=actors["peksos"])
        context["task_id"] = task.pk

    return setup


MATRIX = [
    AccessCase("home", lambda a, c: reverse("home"), ALL_ACTORS, url_names=("home",)),
    AccessCase("password change", lambda a, c: reverse("password_change"), ALL_ACTORS,
               url_names=("password_change",)),
    AccessCase("notifications", lambda a, c: reverse("notification_list"), ALL_ACTORS,
               url_names=("notification_list",)),
    AccessCase("my tasks", lambda a, c: reverse("task_list"), ALL_ACTORS, url_names=("task_list",)),
    AccessCase("my tasks export", lambda a, c: reverse("reports:export_tasks") + "?show=overdue", ALL_ACTORS,
               url_names=("reports:export_tasks",)),
    AccessCase("notifications export", lambda a, c: reverse("reports:export_notifications"), ALL_ACTORS,
               url_names=("reports:export_notifications",)),
    AccessCase("task done", lambda a, c: reverse("task_complete", args=[c["task_id"]]), TASK_CHANGERS,
               method="post", ok_status=(302,), setup=_task_setup("open"), url_names=("task_complete",)),
    AccessCase("task reopen", lambda a, c: reverse("task_reopen", args=[c["task_id"]]), TASK_CHANGERS,
               method="post", ok_status=(302,), setup=_task_setup("done"), url_names=("task_reopen",)),
    AccessCase("audit list", lambda a, c: reverse("audit_list"), AUDIT_READERS, url_names=("audit_list",)),
    AccessCase("access log", lambda a, c: reverse("access_log_list"), AUDIT_READERS,
               url_names=("access_log_list",)),
    AccessCase("audit export", lambda a, c: reverse("reports:export_audit") + "?model_label=people.Person",
               AUDIT_READERS, url_names=("reports:export_audit",)),
    AccessCase("access log export", lambda a, c: reverse("reports:export_access_log"), AUDIT_READERS,
               url_names=("reports:export_access_log",)),
    AccessCase("audit detail", lambda a, c: reverse("audit_detail", args=[c["audit_id"]]), AUDIT_READERS,
               url_names=("audit_detail",)),
    AccessCase("api me", "/api/v1/me/", ALL_ACTORS, api=True, url_names=("api-me",)),
    AccessCase("api regions", "/api/v1/regions/?parent=35.73", ALL_ACTORS, api=True,
               url_names=("region-list", "region-detail", "api-root")),
    AccessCase("api ppks", "/api/v1/ppks-categories/", ALL_ACTORS, api=True,
               url_names=("ppks-category-list", "ppks-category-detail")),
    AccessCase("api psks", "/api/v1/psks-categories/", ALL_ACTORS, api=True,
               url_names=("psks-category-list", "psks-category-detail")),
    AccessCase("api institutions", "/api/v1/institutions/", ALL_ACTORS, api=True,
               url_names=("institution-list", "institution-detail")),
    AccessCase("api organisations", "/api/v1/organisations/", ALL_ACTORS, api=True,
               url_names=("organisation-list", "organisation-detail")),
    AccessCase("api funding", "/api/v1/funding-sources/", ALL_ACTORS, api=True,
               url_names=("funding-source-list", "funding-source-detail")),
    AccessCase("api audit", "/api/v1/audit-entries/", AUDIT_READERS, api=True, url_names=("api-audit-entries",)),
    AccessCase("api access log", "/api/v1/access-log/", AUDIT_READERS, api=True, url_names=("api-access-log",)),
    AccessCase("api schema", "/api/v1/schema/", ALL_ACTORS, api=True, url_names=("api-schema",)),
    AccessCase("api docs", "/api/v1/docs/", ALL_ACTORS, api=True, url_names=("api-docs",)),
]
# Pages that must stay open without logging in (the login page itself, the language switch).
PUBLIC_URL_NAMES = {"login", "logout", "set_language", "letter_verify"}


@pytest.mark.django_db
@pytest.mark.parametrize("case", MATRIX, ids=lambda c: c.name)
def test_access_matrix(case, actors):
    from desaku.core.models import Organisation

    org = Organisation.objects.first()
    org.short_name = "changed for the audit detail page"
    org.save()
    from desaku.core.models import AuditEntry

    check_access(case, actors, {"audit_id": AuditEntry.objects.latest("id").pk, "task_id": 0})


@pytest.mark.django_db
def test_django_admin_is_only_for_administrators(actors):
    from django.test import Client

    for name, user in actors.items():
        client = Client()
        client.force_login(user)
        response = client.get("/admin/")
        if name == "admin":
            assert response.status_code == 200
        else:
            assert response.status_code == 302 and "/admin/login/" in response["Location"]
