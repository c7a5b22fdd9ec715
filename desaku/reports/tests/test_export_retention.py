"""Exports are kept for a week only, and downloading one checks again that the owner may still use it."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from desaku.core import jobs
from desaku.core.auditing import allow_bulk_writes
from desaku.core.models import Role
from desaku.reports.models import ExportJob, ExportStatus


def export_of(owner, *, age_days=0):
    job = ExportJob(owner=owner, kind="reports.dashboard", status=ExportStatus.DONE, progress=100,
                    filename="x.xlsx")
    job.file.save("x.xlsx", ContentFile(b"PK test"), save=False)
    job.save_with_reason(by=owner)
    with allow_bulk_writes(reason="test: an export made earlier"):
        ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=age_days))
    job.refresh_from_db()
    return job


def test_daily_job_deletes_exports_past_the_retention_period(actors, settings):
    settings.REPORTS_EXPORT_RETENTION_DAYS = 7
    old, recent = export_of(actors["kadis"], age_days=9), export_of(actors["kadis"], age_days=2)
    old_name = old.file.name
    today = timezone.localdate()
    assert jobs.run_daily(today, only="reports.export_retention") == {"reports.export_retention": 1}
    assert list(ExportJob.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not default_storage.exists(old_name) and default_storage.exists(recent.file.name)


def test_download_refused_past_retention_even_before_the_job_ran(actors, settings):
    settings.REPORTS_EXPORT_RETENTION_DAYS = 7
    job = export_of(actors["kadis"], age_days=8)
    client = Client()
    client.force_login(actors["kadis"])
    assert client.get(reverse("reports:export_download", args=[job.pk])).status_code == 404


def test_download_rechecks_that_the_owner_may_still_export(actors):
    kabid = actors["kabid"]
    job = export_of(kabid)
    client = Client()
    client.force_login(kabid)
    url = reverse("reports:export_download", args=[job.pk])
    assert client.get(url).status_code == 200
    kabid.groups.remove(Group.objects.get(name=Role.KEPALA_BIDANG))  # moved to a role without reports
    kabid.groups.add(Group.objects.get(name=Role.OPERATOR))
    assert client.get(url).status_code == 403
