"""Demo data for Desaku Menanti: the 2016 village. 80 candidate households (families of the registry and
gepeng given a household), 40 accepted by Kemensos and 20 on the waiting list, move-ins in November 2016,
four expulsions in 2017 for not living there with replacements from the waiting list, mentoring, UEP grants,
enterprises and their products, sales and incomes since. Everything through the services, deterministic.
"""

from datetime import date, timedelta
from decimal import Decimal

from desaku.core import demo as core_demo

ROUND_NAME = "Seleksi WBS Desaku Menanti 2016"
ENTERPRISES = [  # name, kind, products (name, unit, price, description)
    ("Kelompok Usaha Rempeyek Barokah", "group", [
        ("Rempeyek kacang", "bungkus 250 g", 15000, "Rempeyek kacang tanah renyah, digoreng setiap pagi."),
        ("Rengginang", "bungkus 250 g", 12000, "Rengginang beras ketan, manis dan gurih.")]),
    ("Telur Asin Jabal Nur", "group", [("Telur asin", "butir", 4000, "Telur bebek asin, dioven atau direbus.")]),
    ("Kriya Jilbab dan Bros", "group", [
        ("Jilbab segi empat", "lembar", 35000, "Jilbab katun dijahit warga."),
        ("Bros manik-manik", "buah", 10000, "Bros buatan tangan.")]),
    ("Keranjang Daur Ulang", "household", [("Keranjang daur ulang", "buah", 25000,
                                            "Keranjang dari bungkus kopi dan koran bekas.")]),
    ("Sanggar Topeng Malangan", "group", [("Topeng Malangan", "buah", 75000,
                                           "Topeng kayu khas Malang, dilukis tangan: Panji, Klana, Sekartaji.")]),
]
TOPICS = {
    "business": ("Kualitas dan rasa rempeyek", "Pengemasan dan label produk", "Menghitung harga jual",
                 "Pencatatan keuangan usaha", "Pemasaran di Kampung Topeng"),
    "social": ("Bina diri dan kebersihan rumah", "Tata krama bertetangga dengan warga RW 07",
               "Pendidikan anak dan wajib belajar", "Kesehatan keluarga dan BPJS", "Menabung untuk masa depan"),
}


def _month_add(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@core_demo.register("village", order=40)
def seed_village(ctx):
    from desaku.people import services as people_services
    from desaku.people.models import Household, Person
    from desaku.village import services
    from desaku.village.models import Candidate, SelectionRound, Site

    if SelectionRound.objects.filter(name=ROUND_NAME).exists():
        ctx.out("village: demo data already there")
        return
    if "kemensos" not in ctx.users:
        ctx.out("village: no demo users, skipped")
        return
    site = Site.objects.filter(code="tlogowaru").first()
    if site is None:
        return
    rng, users = ctx.rng, ctx.users
    kabid, peksos, peksos2, kemensos = users["kabid"], users["peksos"], users["peksos2"], users["kemensos"]
    site.program_officer = peksos2
    site.save_with_reason(by=kabid, reason="demo")
    today = date.today()

    # -- 80 candidate households: the registry's families, then gepeng with a household of their own ----------
    households = list(Household.objects.order_by("pk")[:80])
    if len(households) < 80:
        heads = Person.objects.filter(household_memberships__isnull=True, merged_into__isnull=True,
                                      date_of_death__isnull=True, classifications__category__number__in=(11, 12),
                                      birth_year__lte=today.year - 20).distinct().order_by("pk")
        for person in heads[:80 - len(households)]:
            households.append(people_services.create_household(
                by=peksos, head=person, kelurahan=person.domicile_kelurahan, start_date=date(2015, 12, 1)))
    if len(households) < 80:  # a small registry: more gepeng families, registered as the registry's demo does
        households += _gepeng_families(ctx, 80 - len(households), by=peksos)
    selection = SelectionRound(site=site, name=ROUND_NAME, year=2016, quota=40, opened_on=date(2016, 1, 11))
    selection.save_with_reason(by=kabid, reason="demo")
    lks = ctx.organisations.get("lks_anak")
    nominators = [peksos, users["operator"], users["lks"]]
    candidates = []
    for i, household in enumerate(households):
        by = nominators[i % 3]
        source = "case" if i % 7 == 0 else "direct"
        on = date(2016, 1, 15) + timedelta(days=i % 30)
        case = _case_of(household, on) if source == "case" else None
        candidate = services.nominate(round=selection, household=household, by=by, source=source, case=case,
                                      source_reference=f"KASUS/2015/{i + 1:03d}" if source == "case" else "",
                                      reason="Keluarga gepeng di jalanan Kota Malang, bersedia direlokasi.", on=on)
        candidates.append(candidate)
    full = dict.fromkeys(("ktp_malang", "gepeng", "family", "willing_live", "willing_training", "no_housing"), True)
    passed = []
    for i, candidate in enumerate(candidates):
        on = date(2016, 3, 1) + timedelta(days=i % 20)
        if i % 8 == 7:  # ten do not pass: no Kota Malang KTP
            services.initial_selection(candidate=candidate, by=peksos2, lks=lks, passed=False, on=on,
                                       checklist={**full, "ktp_malang": False}, note="Tidak memiliki KTP Kota Malang.")
            continue
        checklist = dict(full)
        if rng.random() < 0.3:
            checklist["family"] = False
        services.initial_selection(candidate=candidate, by=peksos2, lks=lks, passed=True, reviewer=kemensos,
                                   checklist=checklist, note="Memenuhi syarat seleksi awal.", on=on)
        passed.append(candidate)
    passed.sort(key=lambda c: (-Candidate.objects.get(pk=c.pk).score, c.pk))
    for i, candidate in enumerate(passed):
        decision = "accepted" if i < 40 else ("waiting" if i < 60 else "rejected")
        reasons = {"accepted": "Memenuhi seluruh kriteria Kemensos.",
                   "waiting": "Memenuhi kriteria; kuota 40 KK sudah penuh.",
                   "rejected": "Masih memiliki tempat tinggal lain."}[decision]
        services.final_selection(candidate=candidate, by=kemensos, decision=decision, reasons=reasons,
                                 on=date(2016, 6, 1))

    # -- occupancy: move-ins in November 2016 ------------------------------------------------------------------
    from desaku.village.models import CandidateStatus, Occupancy
    from desaku.village.selectors import units_of

    units = list(units_of(site))
    accepted = list(Candidate.objects.filter(round=selection, status=CandidateStatus.ACCEPTED).order_by("pk"))
    occupancies = []
    for unit, candidate in zip(units, accepted, strict=False):
        occupancy = services.allocate(candidate=candidate, unit=unit, by=peksos2, on=date(2016, 11, 1))
        occupancy = services.move_in(occupancy=occupancy, by=peksos2, on=date(2016, 11, 12 + rng.randint(0, 6)))
        occupancies.append(occupancy)

    # -- four expulsions in 2017 for not living there, replaced from the waiting list ---------------------------
    for n, occupancy in enumerate(rng.sample(occupancies, min(4, len(occupancies)))):
        for month in (3, 4, 5):
            services.record_residence_check(occupancy=occupancy, by=peksos2, checked_on=date(2017, month, 10),
                                            living_there=False, note="Rumah kosong, tetangga: kembali ke kota.")
            services.issue_warning(occupancy=occupancy, by=peksos2, reason="Tidak menempati rumah.",
                                   on=date(2017, month, 12))
        services.end_occupancy(occupancy=occupancy, by=kabid, reason="expelled", on=date(2017, 6, 15),
                               decision=f"188.45/{101 + n}/35.73.406/2017",
                               note="Tidak menempati rumah selama tiga bulan setelah SP3.")
        offer = occupancy.unit.offers.get(status="open")  # the next household on the waiting list
        replacement = services.allocate(candidate=offer.candidate, unit=occupancy.unit, by=peksos2,
                                        on=date(2017, 7, 1))
        occupancies.append(services.move_in(occupancy=replacement, by=peksos2, on=date(2017, 7, 8)))
    active = list(Occupancy.objects.filter(status="active").select_related("household", "unit"))
    # Monthly residence checks lately.
    for months_ago in (2, 1):
        on = _month_add(today, -months_ago) + timedelta(days=9)
        for occupancy in active:
            services.record_residence_check(occupancy=occupancy, by=peksos2, checked_on=on, living_there=True)

    # -- mentors, sessions ---------------------------------------------------------------------------------------
    mentor = users["pendamping"]
    for occupancy in active[:8]:
        services.assign_mentor(mentor=mentor, household=occupancy.household, by=kabid, on=date(2016, 11, 14))
    mentored = [o.household for o in active[:8]]
    everyone = [o.household for o in active]
    start = date(2016, 11, 1)
    months = (today.year - start.year) * 12 + today.month - start.month
    count = max(4, round(16 * ctx.size))
    for i in range(count):
        held_on = _month_add(start, int(months * i / count)) + timedelta(days=14)
        kind = "business" if i % 2 == 0 else "social"
        by = mentor if i % 4 == 1 else (users["lks"] if i % 4 == 3 else peksos2)
        group = mentored if by == mentor else rng.sample(everyone, min(len(everyone), 12))
        if not group:
            continue
        absent = rng.sample(group, 1) if len(group) > 3 else []
        follow = [("Kunjungan rumah untuk cek pembukuan usaha", held_on + timedelta(days=14), None)] if i % 5 == 0 \
            else []
        services.record_session(site=site, by=by, kind=kind, held_on=held_on, topic=TOPICS[kind][i % 5],
                                households=group, absent=absent, notes="Diskusi dan praktik bersama.",
                                follow_ups=follow)

    # -- enterprises, UEP, products, sales, incomes -------------------------------------------------------------
    from desaku.core.models import FundingSource

    apbn = FundingSource.objects.filter(code="APBN").first()
    products = []
    for i, (name, kind, items) in enumerate(ENTERPRISES):
        members = everyone[i * 7:(i + 1) * 7] if kind == "group" else everyone[-1:]
        if not members:  # a small demo (--size): fewer families living there
            continue
        enterprise = services.create_enterprise(site=site, by=peksos2, name=name, kind=kind, households=members,
                                                started_on=date(2016, 12, 1))
        for name_, unit_label, price, description in items:
            products.append(services.save_product(by=peksos2, enterprise=enterprise, name=name_, unit_label=unit_label,
                                                  price=Decimal(price), description=description))
    for household in everyone[:40]:
        enterprise = household.village_enterprises.first()
        services.record_grant(household=household, by=peksos2, received_on=date(2016, 12, 5), funding_source=apbn,
                              enterprise=enterprise, purpose="Modal usaha ekonomi produktif (bahan, alat, kemasan)",
                              note="UEP Kemensos")
    _utilities_and_inventory(ctx, site, units, by=peksos2, today=today)
    _program_record(site, kabid, peksos2, units)
    # The mask maker agreed to be named in the catalogue.
    topeng = products[-1] if products else None
    maker = topeng.enterprise.households.first().head if topeng else None
    if maker is not None:
        consent = people_services.record_consent(person=maker, by=peksos2, given_on=date(2017, 2, 1),
                                                 note="Bersedia namanya dicantumkan di katalog produk.")
        services.save_product(by=peksos2, product=topeng, producer=maker, producer_consent=consent)
    _production_and_sales(ctx, products, by=peksos2, today=today)
    _incomes(ctx, everyone, by=peksos2, today=today)
    for household in everyone:
        services.record_review(household=household, by=peksos2, reviewed_on=_month_add(today, -1),
                               children_school_age=2, children_in_school=rng.choice((1, 2, 2)),
                               has_ktp=True, has_kk=True, has_bpjs=rng.random() < 0.8,
                               trainings_completed=rng.randint(0, 3), has_savings=rng.random() < 0.5)
    ctx.out(f"village: {len(candidates)} candidates, {len(accepted)} accepted, {len(active)} households living "
            f"there, {count} mentoring sessions, {len(products)} products")


def _months(first: date, today: date):
    """The first days of the months from ``first`` to the current month (``today`` excluded when on the 1st)."""
    month = first.replace(day=1)
    while month < today:
        yield month
        month = _month_add(month, 1)


def _gepeng_families(ctx, n: int, *, by):
    """``n`` gepeng heads of household registered as the registry's demo registers people, each with a household
    of their own in Kota Malang (a Kota Malang KTP is a selection criterion)."""
    from desaku.people import services as people_services
    from desaku.people.demo import _Seeder

    seeder = _Seeder(ctx)
    seeder.nik_serial = 8000  # clear of the registry demo's serials
    households = []
    for _ in range(n):
        sex = "L" if ctx.rng.random() < 0.7 else "P"
        age = ctx.rng.randint(25, 60)
        data = seeder.adult_data(sex, age)
        data.update(occupation=ctx.rng.choice(("Pengemis", "Pemulung", "Pengamen")), marital_status="married")
        born = seeder.birth(data, age, exact=0.7)
        seeder.domicile(data, abode=0.0)
        person = seeder.register(by, data, nik=seeder.nik(data, born))
        seeder.classify(person, by, "PPKS-12")
        households.append(people_services.create_household(by=by, head=person, kelurahan=person.domicile_kelurahan,
                                                           start_date=date(2015, 12, 1)))
    return households


def _case_of(household, on: date):
    """An open case of the household (or of its head) that existed when it was nominated, if any."""
    from django.db.models import Q

    from desaku.cases.models import ACTIVE_STATUSES, Case

    head = household.head
    q = Q(household=household) | (Q(person=head) if head else Q(pk__in=[]))
    return Case.objects.filter(q, status__in=ACTIVE_STATUSES, opened_on__lte=on).order_by("opened_on").first()


def _production_and_sales(ctx, products, *, by, today):
    """Every month since the first sales (December 2016): a production batch and the sales of the products made
    that month (all of them at full size, a rotating few in a smaller demo)."""
    from desaku.village import services

    rng = ctx.rng
    if not products:
        return
    per_month = max(1, min(len(products), round(len(products) * ctx.size)))
    for n, month in enumerate(_months(date(2016, 12, 1), today)):
        last = min(27, (today - month).days - 1) if month.year == today.year and month.month == today.month else 27
        for k in range(per_month):
            product = products[(n * per_month + k) % len(products)]
            made = rng.randint(20, 60)
            services.record_production(product=product, by=by, produced_on=month + timedelta(days=rng.randint(
                0, max(0, last // 2))), quantity=made, note="Produksi bulanan")
            services.record_sale(product=product, by=by, sold_on=month + timedelta(days=rng.randint(
                max(0, last // 2), max(0, last))), quantity=rng.randint(5, made),
                buyer_kind=rng.choice(("visitor", "order", "shop", "event")))


def _incomes(ctx, households, *, by, today):
    """Monthly incomes since January 2017, growing slowly (every household at full size, fewer in a small demo)."""
    from desaku.village import services

    rng = ctx.rng
    count = max(4, round(len(households) * ctx.size))
    for household in households[:count]:
        base = rng.randint(400, 900) * 1000
        for n, month in enumerate(_months(date(2017, 1, 1), today)):
            amount = base + n * rng.randint(5, 15) * 1000 + rng.randint(-50, 50) * 1000
            services.record_income(household=household, by=by, month=month, amount=Decimal(max(0, amount)),
                                   note="Usaha dan buruh harian")


def _utilities_and_inventory(ctx, site, units, *, by, today):
    """Electricity and water paid by the department every month since the move-ins, and yearly inventory
    condition checks of the houses (every house at full size)."""
    from desaku.village import services

    rng = ctx.rng
    step = 1 if ctx.size >= 1 else 3  # a small demo: one payment a quarter
    for n, month in enumerate(_months(date(2016, 11, 1), today)):
        if n % step:
            continue
        paid_on = min(_month_add(month, 1) + timedelta(days=9), today)
        services.record_utility(site=site, by=by, kind="electricity", month=month, paid_on=paid_on,
                                amount=Decimal(rng.randint(1800, 2600) * 1000), note="PLN, 40 rumah")
        services.record_utility(site=site, by=by, kind="water", month=month, paid_on=paid_on,
                                amount=Decimal(rng.randint(700, 1100) * 1000), note="PDAM")
    checked = units[:max(2, round(len(units) * ctx.size))]
    for year in (2017, today.year):
        on = min(date(year, 6, 15), today)
        for unit in checked:
            for item in unit.inventory.all():
                condition = "good" if year == 2017 or rng.random() < 0.7 else rng.choice(("minor", "major"))
                services.check_inventory(item=item, by=by, condition=condition, on=on,
                                         note="Pemeriksaan tahunan inventaris")


def _program_record(site, kabid, officer, units):
    """The program record kept in the UI: a stage photo, an item added to a house and one taken out."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from desaku.village import services_program

    stage = site.stages.filter(started_on=date(2016, 3, 25)).first() or site.stages.first()
    if stage is not None and not stage.documents.exists():
        buffer = BytesIO()
        Image.new("RGB", (64, 48), (180, 140, 90)).save(buffer, "PNG")
        services_program.add_stage_document(stage=stage, by=kabid, upload=SimpleUploadedFile(
            "foto.png", buffer.getvalue()), caption="Peletakan batu pertama, 25 Maret 2016")
    if units:
        services_program.add_inventory_item(unit=units[0], by=officer, name="Kipas angin", quantity=1,
                                            reason="Bantuan CSR 2017")
        broken = units[1].inventory.filter(name__icontains="kompor").first() if len(units) > 1 else None
        if broken is not None:
            services_program.remove_inventory_item(item=broken, by=officer, reason="Rusak, tidak dapat diperbaiki")
            services_program.add_inventory_item(unit=units[1], by=officer, name="Kompor gas satu tungku",
                                                reason="Pengganti kompor yang rusak")
