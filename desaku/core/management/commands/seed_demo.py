import random

from django.core.management.base import BaseCommand
from django.db import transaction

from desaku.core import demo
from desaku.core.demo_core import DEMO_USERS


class Command(BaseCommand):
    help = "Load believable, deterministic demo data (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2016, help="random seed (default 2016)")
        parser.add_argument("--size", type=float, default=1.0, help="scale the amount of generated data")
        parser.add_argument("--quiet-logins", action="store_true", help="do not print the demo logins")

    def handle(self, *args, seed, size, quiet_logins, **options):
        ctx = demo.DemoContext(rng=random.Random(seed), out=self.stdout.write, size=size)
        for name, seeder in demo.seeders():
            with transaction.atomic():
                seeder(ctx)
            self.stdout.write(f"demo data: {name} ✓")
        if not quiet_logins:
            self.stdout.write("")
            self.stdout.write("Login demo (kata sandi sama untuk semua; HANYA untuk demo):")
            self.stdout.write(f"  kata sandi: {demo.DEMO_PASSWORD}")
            for username, (first, last, role, org, scope, _title) in DEMO_USERS.items():
                self.stdout.write(f"  {username:<14} {role:<22} {first} {last} ({org}, cakupan: {scope})")
