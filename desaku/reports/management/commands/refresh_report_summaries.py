"""Rebuild the report summary tables (the daily job reports.summaries does the same)."""

from django.core.management.base import BaseCommand

from desaku.reports.summaries import refresh


class Command(BaseCommand):
    help = "Rebuild the pre-aggregated figures behind the heads' dashboard and the monthly report."

    def handle(self, *args, **options):
        done = refresh(out=self.stdout.write)
        self.stdout.write(f"{done.cells:,} cells in {done.seconds:.1f} s")
