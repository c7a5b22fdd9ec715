"""Demo data for training: a year (2026) of batches across the skills, by the department, Bank Indonesia,
BLK and a partner LKS; trainees from the registry's demo (street people and poor families, some enrolled as
members of their household), attendance, scores, completion, and outcome follow-ups. Everything goes
through the services, deterministic with ``ctx.rng``; certificates are rendered on demand (WeasyPrint is slow).
"""

from datetime import date, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from desaku.core import demo as core_demo

MARKER = "Menjahit Angkatan I 2026"  # the first demo batch: if it exists, the data is there

# (skill code, batch name, provider kind, provider, location, month, first day, weekdays, times, funding, budget)
BATCHES = [
    ("menjahit", MARKER, "dinas", "Dinas Sosial Kota Malang", "Aula Dinas Sosial, Jl. Sulfat No. 12", 1, 12,
     (1, 3, 5), (8, 12), "APBD-II", 45_000_000),
    ("olahan-pangan", "Olahan Pangan & Kemasan BI 2026", "government", "Bank Indonesia Perwakilan Malang",
     "Kampung Topeng Tlogowaru", 2, 9, (2, 4), (9, 12), "LAIN", 30_000_000),
    ("tata-boga", "Tata Boga Angkatan I 2026", "dinas", "Dinas Sosial Kota Malang",
     "Dapur Pelatihan Dinsos", 3, 2, (1, 3, 5), (13, 16), "APBD-I", 38_000_000),
    ("servis-elektronik", "Servis HP Angkatan I 2026", "government", "BLK Kota Malang",
     "Workshop BLK, Jl. Janti Barat", 4, 6, (1, 2, 3), (8, 12), "APBD-I", 52_000_000),
    ("kerajinan-topeng", "Kerajinan Topeng Malangan 2026", "lks", "Yayasan Sahabat Anak Jalanan Malang",
     "Sanggar Kampung Topeng Tlogowaru", 5, 4, (2, 4, 6), (14, 17), "CSR", 20_000_000),
    ("sablon", "Sablon Kaos Angkatan I 2026", "lks", "Yayasan Sahabat Anak Jalanan Malang",
     "Sanggar YSAJ, Jl. Ir. Rais 45", 6, 8, (1, 3, 5), (13, 16), "APBD-II", 25_000_000),
    ("perbengkelan", "Perbengkelan Las 2026", "government", "BLK Kota Malang", "Workshop BLK, Jl. Janti Barat",
     7, 6, (1, 2, 3, 4), (8, 12), "APBD-I", 60_000_000),
    ("tata-rias", "Tata Rias Angkatan I 2026", "company", "CSR dunia usaha (salon mitra)", "Salon mitra, Jl. Kawi",
     8, 3, (1, 3), (9, 12), "CSR", 18_000_000),
    ("otomotif", "Servis Sepeda Motor 2026", "government", "BLK Kota Malang", "Bengkel BLK, Jl. Janti Barat",
     9, 7, (1, 3, 5), (8, 12), "APBD-II", 55_000_000),
    ("musik", "Musik Angkatan I 2026", "dinas", "Dinas Sosial Kota Malang", "Balai RW 05 Kel. Kotalama", 10, 5,
     (2, 4), (15, 17), "APBD-II", 15_000_000),
    ("menjahit", "Menjahit Angkatan II 2026", "dinas", "Dinas Sosial Kota Malang",
     "Aula Dinas Sosial, Jl. Sulfat No. 12", 11, 16, (1, 3, 5), (8, 12), "APBD-II", 45_000_000),
    ("tata-boga", "Tata Boga Angkatan II 2026", "dinas", "Dinas Sosial Kota Malang", "Dapur Pelatihan Dinsos",
     12, 7, (1, 3, 5), (13, 16), "APBD-I", 38_000_000),
]
TRAINERS = ("Ibu Endang Susilowati", "Bapak Hariyanto", "Ibu Wahyu Ningsih", "Bapak Slamet Riyadi",
            "Ibu Yuli Astuti", "Bapak Mujiono", "Mbak Rosa (instruktur BLK)")
MARKS = ("present",) * 14 + ("late",) * 3 + ("absent",) * 2 + ("excused",)
WORK = ("employed", "own_business", "own_business", "not_working")


def _pool():
    """Adults with a current PPKS classification, as demo trainees; and household heads (family members)."""
    from desaku.people.models import Classification, HouseholdMembership, Person

    persons = list(Person.objects.filter(
        merged_into__isnull=True, date_of_death__isnull=True, classifications__valid_to__isnull=True,
        classifications__category__number__in=(9, 11, 12, 15, 17, 23, 24)).distinct().order_by("pk"))
    held = {}
    for person_id, category_id in Classification.objects.filter(
            valid_to__isnull=True, person__in=[p.pk for p in persons]).values_list("person_id", "category_id"):
        held.setdefault(person_id, set()).add(category_id)
    for person in persons:
        person.demo_categories = held.get(person.pk, set())
    heads = {m.person_id: m.household for m in HouseholdMembership.objects.filter(
        end_date__isnull=True, relationship="head").select_related("household")}
    return persons, heads


@core_demo.register("training", order=50)
def seed_training(ctx):
    from desaku.core.models import FundingSource
    from desaku.training import services
    from desaku.training.models import Batch, BatchStatus, Course, EnrolmentStatus, FollowUp

    if Batch.objects.filter(name=MARKER).exists():
        ctx.out("training: demo data already there")
        return
    users = ctx.users
    if "operator" not in users:
        ctx.out("training: no demo users, skipped")
        return
    rng, today = ctx.rng, timezone.localdate()
    persons, heads = _pool()
    funding = {f.code: f for f in FundingSource.objects.all()}
    courses = {c.skill_type.code: c for c in Course.objects.select_related("skill_type").order_by("-pk")}
    per_batch = max(4, round(8 * ctx.size))
    counts = {"batches": 0, "enrolments": 0, "graduates": 0}
    for skill, name, kind, provider, location, month, day, weekdays, (start_h, end_h), fund, budget in BATCHES:
        start = date(2026, month, day)
        end = start + timedelta(days=13)  # two weeks of sessions
        by = users["lks"] if kind == "lks" and "lks" in users else users["operator"]
        batch = services.create_batch(
            by=by, course=courses[skill], name=name, provider_kind=kind, provider_name=provider, location=location,
            start_date=start, end_date=end, capacity=per_batch + (2 if month % 3 else -1),
            start_time=time(start_h), end_time=time(end_h), weekdays=weekdays, trainers=rng.choice(TRAINERS),
            funding_source=funding.get(fund), budget=Decimal(budget), status=BatchStatus.OPEN)
        counts["batches"] += 1
        # A quick first sift in memory (the service checks every rule again on enrolment).
        targets = {c.pk for c in batch.course.target_groups.all()}
        min_age = batch.course.min_age or 0
        candidates = [p for p in persons if p.demo_categories & targets and (p.age_on(start) or 0) >= min_age]
        rng.shuffle(candidates)
        for person in candidates[:per_batch + 1]:
            household = heads.get(person.pk) if rng.random() < 0.6 else None
            try:
                services.enrol(batch=batch, person=person, by=by, household=household,
                               source="household" if household else "registry")
                counts["enrolments"] += 1
            except ValidationError:
                continue  # overlapping schedule or already enrolled: the demo skips them
        if start > today:
            continue
        batch = services.change_status(batch=batch, by=by, to=BatchStatus.RUNNING)
        enrolled = list(batch.enrolments.filter(status=EnrolmentStatus.ENROLLED))
        if enrolled and rng.random() < 0.5:
            services.withdraw(enrolment=enrolled[-1], by=by, reason=rng.choice(
                ("Mendapat pekerjaan harian", "Sakit", "Pindah ke luar kota", "Mengurus anak")), on=start)
            enrolled = list(batch.enrolments.filter(status=EnrolmentStatus.ENROLLED))
        diligence = {e.pk: rng.random() for e in enrolled}
        for session in batch.sessions.filter(date__lte=today):
            services.record_attendance(session=session, by=by, marks={
                e.pk: "absent" if diligence[e.pk] < 0.12 and rng.random() < 0.6 else rng.choice(MARKS)
                for e in enrolled})
        if end >= today:
            continue
        services.record_scores(batch=batch, by=by, scores={e.pk: rng.randint(55, 98) for e in enrolled})
        services.record_budget_used(batch=batch, by=by, amount=Decimal(budget) * Decimal(rng.randint(85, 100)) / 100)
        services.complete_batch(batch=batch, by=by)
        counts["graduates"] += batch.enrolments.filter(status=EnrolmentStatus.COMPLETED).count()
        for item in FollowUp.objects.filter(enrolment__batch=batch, due_on__lt=today - timedelta(days=10)):
            work = rng.choice(WORK)
            services.record_follow_up(
                follow_up=item, by=by, work_status=work, done_on=item.due_on + timedelta(days=rng.randint(0, 9)),
                monthly_income=None if work == "not_working" else Decimal(rng.randrange(600, 2600, 100) * 1000),
                starter_kit=rng.random() < 0.7, uep=rng.random() < 0.3)
    services.create_due_follow_up_tasks(today)
    ctx.out(f"training: {counts['batches']} batches, {counts['enrolments']} enrolments, "
            f"{counts['graduates']} graduates")
