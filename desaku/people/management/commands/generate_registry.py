"""``manage.py generate_registry --count 1000000``: a synthetic registry for benchmarks (never production)."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = ("Top the registry up to COUNT synthetic persons (names, aliases, NIKs, name keys) for "
            "benchmarks. Writes in bulk; use a scratch database.")

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="persons the registry should hold")
        parser.add_argument("--seed", type=int, default=2016, help="random seed (default 2016)")
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--workers", type=int, default=None, help="processes making rows (0: none)")

    def handle(self, *args, count, seed, batch_size, workers, **options):
        try:
            from bench.registry_generator import generate
        except ImportError as exc:  # the bench/ folder ships with the source tree, not the package
            raise CommandError("Run this from the source tree (bench/registry_generator.py).") from exc
        report = generate(count=count, seed=seed, batch_size=batch_size, workers=workers, out=self.stdout.write)
        self.stdout.write(
            f"{report.created:,} persons created ({report.total:,} in all), {report.aliases:,} aliases, "
            f"{report.name_keys:,} name keys in {report.seconds:.1f} s "
            f"({report.rows_per_second:,.0f} persons/s), peak RSS {report.peak_rss_mb:,.0f} MB; {report.phases}")
