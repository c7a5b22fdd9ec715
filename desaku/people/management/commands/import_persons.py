from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from desaku.people.importing import import_rows, read_rows


class Command(BaseCommand):
    help = ("Import persons from an Excel/ODS/CSV file (header row: nama, jenis_kelamin, tanggal_lahir, "
            "tahun_lahir, nik, no_kk, nama_ibu, alias, kode_daerah_asal, kode_kelurahan, rt, rw, alamat …). "
            "Each row goes through the duplicate check; rows with likely duplicates are reported, not imported.")

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--as-user", required=True, help="the worker the persons are registered by")
        parser.add_argument("--confirm-new", action="store_true",
                            help="import rows with possible duplicates as new persons (decision logged)")
        parser.add_argument("--confirm-warnings", action="store_true", help="accept NIK/KK warnings")

    def handle(self, *args, path, as_user, confirm_new, confirm_warnings, **options):
        try:
            user = get_user_model().objects.get(username=as_user, is_active=True)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No active user {as_user!r}") from exc
        try:
            rows = read_rows(path)
        except Exception as exc:  # calamine raises several types for unreadable files
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        results = import_rows(rows, by=user, confirm_new=confirm_new, confirm_warnings=confirm_warnings)
        counts = {}
        for result in results:
            counts[result.status] = counts.get(result.status, 0) + 1
            if result.status != "imported":
                self.stdout.write(f"baris {result.row} ({result.name}): {result.status}: " + "; ".join(result.messages))
        self.stdout.write(f"imported {counts.get('imported', 0)}, duplicate {counts.get('duplicate', 0)}, "
                          f"error {counts.get('error', 0)}")
