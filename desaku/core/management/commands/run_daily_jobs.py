from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from desaku.core.jobs import daily_jobs, run_daily


class Command(BaseCommand):
    help = "Run the daily jobs (due stays, tasks, deadlines, reminders). Schedule once a day with cron."

    def add_arguments(self, parser):
        parser.add_argument("--date", dest="day", help="run as if today were this date (YYYY-MM-DD)")
        parser.add_argument("--only", choices=sorted(daily_jobs()) or None)
        parser.add_argument("--enqueue", action="store_true", help="run in the background task queue instead")

    def handle(self, *args, day=None, only=None, enqueue=False, **options):
        day = _parse(day) if day else timezone.localdate()
        if enqueue:
            from desaku.core.tasks import daily_jobs_task

            result = daily_jobs_task.enqueue(day.isoformat())
            self.stdout.write(f"enqueued {result.id}")
            return
        for name, count in run_daily(day, only).items():
            self.stdout.write(f"{name}: {count}")


def _parse(value: str):
    return date.fromisoformat(value)
