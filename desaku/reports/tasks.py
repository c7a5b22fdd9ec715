"""Background tasks of the reports app (django-tasks; see desaku/core/tasks.py)."""

from django_tasks import task


@task()
def run_export_task(job_id: int) -> str:
    from desaku.reports.exports import run_export

    return run_export(job_id)


@task()
def generate_monthly_report_task(month: str, user_id: int | None = None) -> int:
    from datetime import date

    from desaku.core.models import User
    from desaku.reports.monthly import generate_monthly_report

    by = User.objects.filter(pk=user_id).first() if user_id else None
    return generate_monthly_report(month=date.fromisoformat(month), by=by).pk
