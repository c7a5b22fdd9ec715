"""Demo data of the reports app: the open-data table and last month's report figures (no PDF: fast)."""

from desaku.core import demo


@demo.register("reports", order=90)
def seed(ctx):
    from desaku.reports.opendata import refresh

    refresh()
