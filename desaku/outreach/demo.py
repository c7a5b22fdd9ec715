"""Demo data for outreach: a year of patrols and raids at real Kota Malang places, the persons found
(mostly from the registry's demo, a few new minimal records), shelter stays with assessments and
approved dispositions of every kind, people caught again after an exit, two stays due now, and
preventive activities. Everything goes through the services, deterministic with ``ctx.rng``.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from desaku.core import demo as core_demo

MARKER = "DEMO-OUTREACH"  # report reference of the first demo operation: if it exists, the data is there

# (place, kelurahan code, latitude, longitude, where exactly)
PLACES = [
    ("Alun-alun Merdeka", "35.73.02.1004", "-7.982600", "112.630800",
     ("depan Masjid Agung Jami'", "sisi air mancur", "halte Jl. Merdeka Selatan")),
    ("Kayutangan Heritage", "35.73.02.1007", "-7.976900", "112.630200",
     ("perempatan Rajabali", "depan gereja Hati Kudus", "trotoar Jl. Basuki Rahmat")),
    ("Stasiun Kota Baru", "35.73.02.1001", "-7.977400", "112.637000",
     ("pintu timur stasiun", "taman Tugu", "parkiran Jl. Trunojoyo")),
    ("Pasar Besar", "35.73.02.1005", "-7.988500", "112.630500",
     ("lorong los ikan", "depan Matahari Pasar Besar", "Jl. Sutan Syahrir")),
    ("Terminal Arjosari", "35.73.01.1002", "-7.933200", "112.657600",
     ("ruang tunggu bus AKAP", "pintu keluar angkot", "emperan warung")),
    ("Jl. Soekarno-Hatta", "35.73.05.1009", "-7.941600", "112.621500",
     ("lampu merah Suhat", "jembatan Soekarno-Hatta", "depan Politeknik")),
    ("Malang Town Square (Matos)", "35.73.05.1005", "-7.956700", "112.618600",
     ("lampu merah Jl. Veteran", "pintu masuk parkir", "halte depan Matos")),
    ("Dinoyo", "35.73.05.1004", "-7.939000", "112.613000",
     ("pertigaan Dinoyo", "depan Pasar Dinoyo", "jembatan Jl. MT Haryono")),
]
REPORT_SOURCES = ("Laporan warga lewat aplikasi SAMBAT", "Laporan Ketua RW via WhatsApp", "Call center 112",
                  "Laporan pengelola pertokoan")
NEW_NICKNAMES = ("Gondrong", "Mbah Ireng", "Kancil", "Cak Kribo", "Bu Tini", "Ucok", "Mbak Sri", "Pak Tua Kumis",
                 "Item", "Bule", "Mbah Min", "Gareng")
DESCRIPTIONS = ("Kaos lusuh, celana pendek, sandal jepit", "Kurus, rambut gimbal, membawa karung",
                "Memakai topi merah, membawa ecek-ecek", "Bekas luka di pelipis kiri",
                "Menggendong balita, kain jarik batik", "Membawa gitar kecil")
NEEDS = {
    "living": ("Makan tiga kali sehari dan pakaian layak selama di shelter", "Bantuan sembako untuk keluarga"),
    "care": ("Pengasuhan oleh pengasuh shelter", "Perawatan harian lansia"),
    "family": ("Penelusuran keluarga lewat Dinsos daerah asal", "Mediasi dengan keluarga"),
    "therapy": ("Konseling psikososial", "Bimbingan mental spiritual"),
    "vocational": ("Pelatihan keterampilan di UPT", "Modal usaha kecil (UEP)"),
    "aid": ("Rekomendasi BPJS PBI", "Bantuan ASLUT"),
    "accessibility": ("Kursi roda", "Pengurusan KTP dan KK di Dukcapil"),
}
CONDITIONS = ("Tidak kembali meminta-minta di jalan; wajib lapor ke kelurahan setiap bulan.",
              "Tidak mengamen di lampu merah; mengikuti pembinaan di LKS setiap Sabtu.")
TRAVEL = ("Diantar petugas dengan mobil dinas", "Tiket bus dibelikan Dinas Sosial, dijemput keluarga di terminal",
          "Tiket kereta api ekonomi, koordinasi dengan Dinsos daerah asal")
RELATIONSHIPS = ("ibu", "bapak", "kakak", "adik", "anak", "paman", "istri", "suami")
OPINIONS = (("Bapas Kelas I Malang", "Pembimbing Kemasyarakatan"), ("Puskesmas Arjowinangun", "Dokter"),
            ("YSAJ", "Pendamping LKS"), ("Satpol PP Kota Malang", "Kasi Trantib"))
TOPICS = {
    "counselling": ("Bahaya memberi uang kepada pengemis di jalan", "Perda Kota Malang 9/2013 tentang anak jalanan, "
                    "gelandangan dan pengemis", "Hak anak atas pendidikan dan pengasuhan"),
    "socialisation": ("Layanan Camp Assessment Tlogowaru", "Pelaporan anak jalanan lewat call center 112",
                      "Program Desaku Menanti"),
    "guidance": ("Pembinaan mental spiritual bagi eks gepeng", "Pengelolaan keuangan keluarga",
                 "Bimbingan keterampilan membuat kerajinan topeng"),
}
ACTIVITY_PLACES = (("Balai RW 05 Kel. Kotalama", "35.73.03.1006"), ("Aula Kecamatan Sukun", "35.73.04.1001"),
                   ("SDN Kauman 1", "35.73.02.1007"), ("Balai Kelurahan Polehan", "35.73.01.1010"),
                   ("Kampung Topeng Tlogowaru", "35.73.03.1012"), ("Masjid Jami' Dinoyo", "35.73.05.1004"))
# Every kind appears; the common ones more often.
KIND_WEIGHTS = (("returned", 30), ("repatriated", 25), ("released", 14), ("placed", 6), ("referred", 7),
                ("court", 2), ("health", 6), ("village", 4), ("absconded", 5), ("deceased", 1))
INSTITUTIONS = {
    "placed": ("UPT Pelayanan Sosial Bina Remaja Blitar", "UPT Pelayanan Sosial Tresna Werdha Jember"),
    "referred": ("UPT Rehabilitasi Sosial Gelandangan dan Pengemis Sidoarjo",
                 "Sentra Terpadu Kartini Temanggung (Kemensos)", "UPT Rehabilitasi Sosial Bina Laras Pasuruan"),
    "court": ("Polresta Malang Kota", "Pengadilan Negeri Malang"),
    "health": ("RSUD dr. Saiful Anwar Malang", "Rumah Sakit Jiwa dr. Radjiman Wediodiningrat Lawang"),
}
RETURNING = ("returned", "repatriated", "released", "absconded")


class _Seeder:
    def __init__(self, ctx):
        from desaku.core.models import Institution, PPKSCategory, Region
        from desaku.outreach.models import Shelter

        self.ctx, self.rng = ctx, ctx.rng
        self.today = timezone.localdate()
        self.users = ctx.users
        codes = [p[1] for p in PLACES] + [a[1] for a in ACTIVITY_PLACES] + ["35.07", "35.14", "35.79"]
        self.regions = {r.code: r for r in Region.objects.filter(code__in=codes)}
        self.institutions = {i.name: i for i in Institution.objects.all()}
        self.agencies = list(Institution.objects.filter(type__in=("satpol_pp", "police")))
        self.categories = {c.number: c for c in PPKSCategory.objects.all()}
        self.shelters = {s.code: s for s in Shelter.objects.all()}
        self.busy_until = {}   # person id → the day their stay ends (one open stay at a time)
        self.recatch = []      # (earliest day, person) of people who come back to the street
        self.sheltered = []    # persons whose stay ended (guidance sessions invite some of them)
        self.kind_cycle = [k for k, _w in KIND_WEIGHTS]
        self.counts = {"operations": 0, "encounters": 0, "stays": 0, "returns": 0}

    def user(self, *names):
        return self.users[self.rng.choice(names)]

    # -- persons ---------------------------------------------------------------------------------
    def pool(self):
        from desaku.people.models import Person

        street = set(Person.objects.filter(
            classifications__category__number__in=(4, 8, 11, 12, 13), merged_into__isnull=True,
            date_of_death__isnull=True).values_list("pk", flat=True))
        return list(Person.objects.filter(pk__in=street).order_by("pk"))

    def new_persons(self, n):
        from desaku.people import services as people_services

        made = []
        for i in range(n):
            by = self.user("penjangkauan", "peksos")
            data = {"full_name": NEW_NICKNAMES[i % len(NEW_NICKNAMES)], "name_quality": "partial",
                    "sex": self.rng.choice("LLLP"), "estimated_age": self.rng.randint(9, 70),
                    "age_estimated_on": self.today - timedelta(days=self.rng.randrange(30, 300)),
                    "physical_description": self.rng.choice(DESCRIPTIONS)}
            made.append(people_services.register_person(by=by, data=data, confirm_new=True, source="demo",
                                                        note="Ditemukan saat penjangkauan"))
        return made

    # -- the pieces of a stay ----------------------------------------------------------------------
    def categories_for(self, person, activity, age):
        numbers = []
        if age is not None and age < 18:
            numbers.append(4)
        elif age is not None and age >= 60:
            numbers.append(8)
        numbers.append({"begging": 12, "sleeping": 11, "scavenging": 13}.get(activity, 12))
        return [self.categories[n] for n in numbers if n in self.categories]

    def assess(self, stay, activity, age, kind, on):
        from desaku.outreach import services

        peksos = stay.responsible_worker
        needs = {key: self.rng.choice(notes) for key, notes in self.rng.sample(sorted(NEEDS.items()), 3)}
        indicators = []
        if age is not None and age < 18:
            indicators = self.rng.sample(["adult_controls_money", "dropped_off", "not_in_school", "debt"],
                                         self.rng.randint(0, 2))
        origin = stay.person.origin_region
        first = services.save_assessment(
            stay=stay, by=peksos, assessed_on=on, identity_status=self.rng.choice(("unverified", "partial")),
            risk_level=self.rng.choice(("low", "medium", "medium", "high")), recommendation=kind,
            categories=self.categories_for(stay.person, activity, age), needs=needs,
            exploitation_indicators=indicators, origin_region=origin,
            family_contact=self.rng.choice(("Belum diketahui", "Ibu kandung di daerah asal, nomor HP ada",
                                            "Kakak di Kab. Malang, sudah dihubungi lewat Dinsos")),
            health=self.rng.choice(("Sehat", "Batuk dan demam ringan", "Gizi kurang", "Hipertensi")),
            clinic_referral=self.rng.random() < 0.2, education=self.rng.choice(("SD tidak tamat", "SD", "SMP", "")),
            income_sources=self.rng.choice(("Meminta-minta", "Mengamen", "Memulung", "Tidak ada")),
            recommendation_note="Hasil asesmen dan penelusuran keluarga.")
        if self.rng.random() < 0.2:
            services.save_assessment(
                stay=stay, by=peksos, assessed_on=on + timedelta(days=2), identity_status="verified",
                risk_level=first.risk_level, recommendation=kind, categories=list(first.ppks_categories.all()),
                needs=needs, exploitation_indicators=indicators, origin_region=origin,
                family_contact=first.family_contact + "; keluarga bersedia menerima.", health=first.health,
                recommendation_note="Versi 2 setelah keluarga ditemukan.")
            first = stay.assessments.order_by("-version").first()
        if self.rng.random() < 0.3:
            for participant, role in self.rng.sample(OPINIONS, self.rng.randint(1, 2)):
                services.add_opinion(assessment=first, by=peksos, participant=participant, role=role,
                                     opinion="Setuju dengan rekomendasi peksos.", recommended=kind)

    def details(self, kind, person):
        details = {}
        if kind == "released":
            details["conditions"] = self.rng.choice(CONDITIONS)
        elif kind == "returned":
            details.update(receiver_name=person.mother_name or self.rng.choice(("Sumiati", "Painem", "Slamet")),
                           receiver_relationship=self.rng.choice(RELATIONSHIPS),
                           receiver_address=f"RT {self.rng.randint(1, 9):02d}/RW {self.rng.randint(1, 9):02d}, "
                                            f"{self.rng.choice(('Kab. Malang', 'Kota Batu', 'Kota Malang'))}")
        elif kind == "repatriated":
            details.update(destination_region=person.origin_region or self.regions.get(
                self.rng.choice(("35.07", "35.14", "35.79"))), travel_arrangement=self.rng.choice(TRAVEL))
        elif kind in INSTITUTIONS:
            name = self.rng.choice(INSTITUTIONS[kind])
            details["institution"] = self.institutions.get(name) or next(iter(self.institutions.values()))
        return details

    def pick_kind(self, age):
        def suitable(kind):
            if kind == "deceased":
                return age is None or age >= 18
            if kind == "village":
                return age is None or age >= 18
            return True

        for i, kind in enumerate(self.kind_cycle):  # every kind at least once, first
            if suitable(kind):
                return self.kind_cycle.pop(i)
        kinds, weights = zip(*KIND_WEIGHTS, strict=True)
        while True:
            kind = self.rng.choices(kinds, weights)[0]
            if suitable(kind):
                return kind

    def stay(self, encounter, on, age, *, keep_open=False):
        from desaku.outreach import services

        person = encounter.person
        shelter = self.shelters["camp-assessment"]
        if age is not None and age >= 60:  # most elderly go straight to an elderly shelter
            roll = self.rng.random()
            shelter = self.shelters["pondok-lansia" if roll < 0.4 else ("twk-sukun" if roll < 0.65
                                                                         else "camp-assessment")]
        peksos = self.user("peksos", "peksos2")
        by = encounter.recorded_by
        stay = services.admit(person=person, shelter=shelter, by=by, responsible_worker=peksos, admitted_on=on,
                              encounter=encounter)
        self.counts["stays"] += 1
        if keep_open:
            self.busy_until[person.pk] = self.today + timedelta(days=30)
            return stay
        kind = self.pick_kind(age)
        self.assess(stay, encounter.activity, age, kind, on + timedelta(days=self.rng.randint(1, 3)))
        length = self.rng.randint(3, 7)
        extensions = 0 if self.rng.random() < 0.7 else (1 if self.rng.random() < 0.7 else 2)
        for number in range(extensions):
            services.extend_stay(stay=stay, by=self.users["kabid"], reason=(
                "Keluarga belum ditemukan", "Menunggu jawaban UPT")[number])
            length = 7 * (number + 1) + self.rng.randint(1, 7)
        if shelter.code == "camp-assessment" and age and age >= 60 and self.rng.random() < 0.6:
            services.transfer(stay=stay, to_shelter=self.shelters["twk-sukun"], by=peksos, on=on + timedelta(days=1),
                              reason="Terbaring sakit, butuh perawatan lansia")
        decided = min(on + timedelta(days=length), self.today - timedelta(days=1))
        disposition = services.propose_disposition(stay=stay, by=peksos, kind=kind, decided_on=decided,
                                                   notes="Sesuai hasil asesmen dan konferensi kasus.",
                                                   **self.details(kind, person))
        if self.rng.random() < 0.08:  # sent back once, then proposed again
            services.send_back_disposition(disposition=disposition, by=self.users["kabid"],
                                           note="Lengkapi data penerima dan tanda tangan.")
            disposition = services.propose_disposition(stay=stay, by=peksos, kind=kind, decided_on=decided,
                                                       **self.details(kind, person))
        services.approve_disposition(disposition=disposition, by=self.users["kabid"], note="Disetujui.")
        self.busy_until[person.pk] = decided if kind != "deceased" else self.today + timedelta(days=9999)
        if kind != "deceased" and person not in self.sheltered:
            self.sheltered.append(person)
        if kind in RETURNING and self.rng.random() < 0.35:
            self.recatch.append((decided + timedelta(days=self.rng.randint(20, 150)), person))
            self.recatch.sort(key=lambda item: item[0])
        return stay

    # -- operations ------------------------------------------------------------------------------------
    def operation(self, day, *, marker=False, lks=False):
        from desaku.outreach import services
        from desaku.outreach.models import OperationKind

        place, code, lat, lon, spots = self.rng.choice(PLACES)
        roll = self.rng.random()
        kind = OperationKind.JOINT_RAID if roll < 0.45 else (OperationKind.PATROL if roll < 0.85
                                                              else OperationKind.PUBLIC_REPORT)
        if lks:
            kind = OperationKind.PATROL
        hour = self.rng.choice((19, 20, 21, 22) if kind == OperationKind.JOINT_RAID else (9, 10, 14, 16))
        start = timezone.make_aware(datetime.combine(day, time(hour, self.rng.choice((0, 15, 30)))))
        by = self.users["lks"] if lks else self.user("penjangkauan", "penjangkauan", "kabid")
        team = [self.users[n] for n in (("lks",) if lks else ("peksos", "peksos2")) if self.users[n] != by]
        gps = self.rng.random() < 0.7
        operation = services.create_operation(
            by=by, kind=kind, started_at=start, ended_at=start + timedelta(hours=2), place=place,
            kelurahan=self.regions.get(code), latitude=Decimal(lat) if gps else None,
            longitude=Decimal(lon) if gps else None, team=team,
            agencies=self.agencies if kind == OperationKind.JOINT_RAID else [],
            report_reference=MARKER if marker else (self.rng.choice(REPORT_SOURCES)
                                                     if kind == OperationKind.PUBLIC_REPORT else ""),
            notes="Razia gabungan bersama Satpol PP dan Polresta." if kind == OperationKind.JOINT_RAID else "")
        self.counts["operations"] += 1
        return operation, spots

    def encounters(self, operation, spots, day, people, *, current=None):
        from desaku.outreach import services

        count = self.rng.randint(1, 3)
        found = []
        while self.recatch and self.recatch[0][0] <= day and len(found) < 2:
            _earliest, person = self.recatch.pop(0)
            if self.busy_until.get(person.pk, day - timedelta(days=1)) < day:
                found.append(person)
        tries = 0
        while len(found) < count and tries < 20:
            tries += 1
            person = self.rng.choice(people)
            if person in found or self.busy_until.get(person.pk, day - timedelta(days=1)) >= day:
                continue
            found.append(person)
        for person in found:
            age = person.age_on(day)
            child = age is not None and age < 18
            activity = self.rng.choice(("busking", "vending", "begging") if child else (
                ("begging", "sleeping") if age and age >= 60 else ("begging", "scavenging", "sleeping", "busking")))
            company = self.rng.choice(("with_adult", "group", "alone") if child else ("alone", "alone", "with_children",
                                                                                     "group"))
            outcome = current or self.rng.choices(("shelter", "counselled", "referred", "refused"), (40, 40, 10, 10))[0]
            referred_to = self.institutions.get("UPT Rehabilitasi Sosial Gelandangan dan Pengemis Sidoarjo") \
                if outcome == "referred" else None
            at = operation.started_at + timedelta(minutes=self.rng.randint(5, 110))
            encounter = services.record_encounter(
                operation=operation, by=operation.created_by, person=person, activity=activity, company=company,
                outcome=outcome, encountered_at=at, place=self.rng.choice(spots), referred_to=referred_to,
                notes="Diberi pengarahan oleh petugas." if outcome == "counselled" else "")
            self.counts["encounters"] += 1
            if encounter.previous_disposition_id:
                self.counts["returns"] += 1
            if outcome == "shelter":
                self.stay(encounter, day, age, keep_open=current is not None)

    def activities(self, n):
        from desaku.outreach import services
        from desaku.outreach.models import PreventiveKind

        kinds = list(PreventiveKind.values)
        for i in range(n):
            kind = kinds[i % len(kinds)]
            place, code = self.rng.choice(ACTIVITY_PLACES)
            by = self.users["lks"] if i % 5 == 4 else self.user("peksos", "operator", "kabid")
            participants = self.sheltered[-self.rng.randint(2, 6):] if kind == "guidance" else []
            services.record_preventive_activity(
                by=by, kind=kind, held_on=self.today - timedelta(days=int(365 * (i + 0.5) / n)), place=place,
                kelurahan=self.regions.get(code), topic=self.rng.choice(TOPICS[kind]),
                organiser="Yayasan Sahabat Anak Jalanan Malang" if by.username == "lks" else self.rng.choice(
                    ("Dinas Sosial Kota Malang", "Karang Taruna", "Dinas Sosial bersama Satpol PP")),
                participants=participants, head_count=self.rng.randint(15, 80),
                notes="Dihadiri warga, tokoh masyarakat dan PSM.")


@core_demo.register("outreach", order=20)
def seed_outreach(ctx):
    from desaku.outreach.models import OutreachOperation

    if OutreachOperation.objects.filter(report_reference=MARKER).exists():
        ctx.out("outreach: demo data already there")
        return
    if "penjangkauan" not in ctx.users:
        ctx.out("outreach: no demo users, skipped")
        return
    seeder = _Seeder(ctx)
    size = ctx.size
    people = seeder.pool() + seeder.new_persons(max(2, round(8 * size)))
    count = max(6, round(104 * size))
    start = seeder.today - timedelta(days=365)
    last = seeder.today - timedelta(days=14)
    span = (last - start).days
    for i in range(count):
        day = start + timedelta(days=int(span * i / count) + seeder.rng.randint(0, 2))
        operation, spots = seeder.operation(day, marker=i == 0, lks=i % 9 == 8)
        seeder.encounters(operation, spots, day, people)
    # Now: one stay overdue, one due today, one fresh.
    for days_ago in (9, 7, 2):
        day = seeder.today - timedelta(days=days_ago)
        operation, spots = seeder.operation(day)
        seeder.encounters(operation, spots, day, people, current="shelter")
    # The oldest of them is assessed, its return to the family waiting for the Kepala Bidang.
    from desaku.outreach import services
    from desaku.outreach.models import Stay

    waiting = Stay.objects.filter(status="open").order_by("admitted_on", "pk").first()
    if waiting is not None:
        seeder.assess(waiting, "begging", waiting.person.age_on(seeder.today), "returned",
                      waiting.admitted_on + timedelta(days=2))
        services.propose_disposition(stay=waiting, by=waiting.responsible_worker, kind="returned",
                                     **seeder.details("returned", waiting.person))
    seeder.activities(max(3, round(24 * size)))
    c = seeder.counts
    ctx.out(f"outreach: {c['operations']} operations, {c['encounters']} encounters, {c['stays']} stays, "
            f"{c['returns']} returns to the street")
