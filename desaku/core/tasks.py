"""Background tasks (django-tasks; database backend by default, Redis in production)."""

from datetime import date

from django_tasks import task

from desaku.core.jobs import run_daily


@task()
def daily_jobs_task(day: str) -> dict:
    return run_daily(date.fromisoformat(day))
