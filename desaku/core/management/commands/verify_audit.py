from django.core.management.base import BaseCommand, CommandError

from desaku.core.services import CHAINED_MODELS, verify_chain


class Command(BaseCommand):
    help = "Verify the hash chains of the audit trail and the access log; report the first broken link."

    def handle(self, *args, **options):
        broken = False
        for model in CHAINED_MODELS:
            report = verify_chain(model)
            if report.ok:
                self.stdout.write(self.style.SUCCESS(f"{report.name}: OK ({report.checked} entries)"))
                continue
            broken = True
            if report.problem == "tail":
                self.stdout.write(self.style.ERROR(
                    f"{report.name}: BROKEN — entries were removed after #{report.checked} "
                    "(the chain head does not match the last entry)"))
            else:
                kind = "content changed" if report.problem == "content" else "link to the previous entry broken"
                self.stdout.write(self.style.ERROR(
                    f"{report.name}: BROKEN at entry #{report.broken_id} ({kind}); "
                    f"{report.checked - 1} entries before it are intact"))
        if broken:
            raise CommandError("The audit trail has been tampered with.")
