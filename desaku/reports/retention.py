"""Export files are kept for a short time only (``REPORTS_EXPORT_RETENTION_DAYS``, default 7 days).

An export holds personal data copied out of its list at one moment; the daily job deletes exports older than
the retention period, file and row (the access log keeps who exported what and when). The download view
also refuses an export past the period, so an export is never served between the end of the period and the
next run of the job.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from desaku.reports.models import ExportJob


def retention_days() -> int:
    return int(getattr(settings, "REPORTS_EXPORT_RETENTION_DAYS", 7))


def cutoff(today: date):
    """Exports created before this moment are past the retention period."""
    return timezone.make_aware(datetime.combine(today - timedelta(days=retention_days()), time.min))


def expired(job, today: date | None = None) -> bool:
    return job.created_at < cutoff(today or timezone.localdate())


def delete_expired_exports(today: date) -> int:
    """Delete the exports (files and rows) created before the retention period; returns how many."""
    count = 0
    for job in ExportJob.objects.filter(created_at__lt=cutoff(today)).iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count
