"""Demo data for community services: the PSKS directory of Kota Malang (LKS, Karang Taruna, Karang Werdha
groups, KOMDA Lansia, LK3, WKSBM, a CSR company; volunteers), a year (2026) of activities, and the
2026 Karang Werdha Berprestasi round with its jury's scores, finalised. Through the services,
deterministic with ``ctx.rng``; skipped when the directory is already there.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from desaku.core import demo as core_demo

MARKER = "KOMDA Lansia Kota Malang"  # the first organisation made: if it exists, the data is there
YEAR = 2026
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")

# (kind, name, kelurahan, contact, registration, accreditation, accredited_on)
ORGANISATIONS = [
    ("komda_lansia", MARKER, "35.73.02.1004", "Sekretariat Dinas Sosial", "", "", None),
    ("lks", "Yayasan Sahabat Anak Jalanan Malang", "35.73.04.1008", "Yusuf Hidayat", "460/112/35.73.406/2019",
     "B", date(2023, 8, 14)),
    ("lks", "LKS Griya Werdha Sejahtera", "35.73.05.1007", "Siti Aminah", "460/087/35.73.406/2017", "A",
     date(2024, 3, 5)),
    ("lks", "LKS Bina Difabel Mandiri", "35.73.01.1003", "Hari Purnomo", "460/140/35.73.406/2021", "none", None),
    ("karang_taruna", "Karang Taruna Kota Malang", "35.73.02.1004", "Rizal Fahmi", "", "", None),
    ("lk3", "LK3 Puspita Kota Malang", "35.73.03.1006", "Dra. Endang Sulistyowati", "", "", None),
    ("wksbm", "WKSBM Kelurahan Bunulrejo", "35.73.01.1004", "Pak Supriyadi", "", "", None),
    ("csr", "PT Bentoel Prima (CSR)", "35.73.01.1009", "Bagian CSR", "", "", None),
    ("karang_werdha", "Karang Werdha Mawar Sukun", "35.73.04.1001", "Mbah Sumarni", "", "", None),
    ("karang_werdha", "Karang Werdha Melati Lowokwaru", "35.73.05.1007", "Pak Harsono", "", "", None),
    ("karang_werdha", "Karang Werdha Anggrek Blimbing", "35.73.01.1004", "Bu Sulastri", "", "", None),
    ("karang_werdha", "Karang Werdha Kenanga Klojen", "35.73.02.1007", "Pak Darmaji", "", "", None),
    ("karang_werdha", "Karang Werdha Seruni Kedungkandang", "35.73.03.1012", "Bu Kasiyem", "", "", None),
    ("karang_werdha", "Karang Werdha Dahlia Tlogomas", "35.73.05.1010", "Pak Sutikno", "", "", None),
]
VOLUNTEERS = [
    ("psm", "Sri Wahyuni", "35.73.04.1001"), ("psm", "Abdul Rohman", "35.73.03.1006"),
    ("psm", "Nur Aini", "35.73.01.1004"), ("psm", "Joko Susilo", "35.73.05.1007"),
    ("tksk", "Agus Salim", "35.73.01.1001"), ("tksk", "Lilik Indrawati", "35.73.02.1001"),
    ("tksk", "Bambang Hermanto", "35.73.03.1001"), ("tksk", "Yuli Astutik", "35.73.04.1001"),
    ("tksk", "Heri Kurniawan", "35.73.05.1001"), ("tagana", "Rudi Hartono", "35.73.03.1012"),
    ("tagana", "Dimas Pratama", "35.73.05.1004"), ("penyuluh", "Siti Fatimah", "35.73.02.1004"),
    ("peksos", "Wahyu Widodo", "35.73.02.1004"),
]
# (type code, title, place, kelurahan, target, budget range in Rp thousands)
ACTIVITY_PLAN = [
    ("family-support", "Forum Keluarga penyandang disabilitas", "Aula Dinas Sosial", "35.73.01.1004", 2000, 4000),
    ("early-detection", "Deteksi dini disabilitas anak", "Puskesmas Arjowinangun", "35.73.03.1001", 3000, 6000),
    ("socialisation", "Sosialisasi hak penyandang disabilitas", "Balai Kelurahan Sukun", "35.73.04.1001",
     1500, 3000),
    ("apel-senam", "Apel dan Senam Bersama Lansia", "Stadion Gajayana", "35.73.02.1004", 5000, 9000),
    ("komda-meeting", "Rapat KOMDA Lansia", "Ruang rapat Balai Kota", "35.73.02.1004", 1000, 2000),
    ("karang-werdha-forum", "Forum Komunikasi Karang Werdha", "Aula Kecamatan Lowokwaru", "35.73.05.1007",
     1500, 3500),
    ("psks-coordination", "Rapat koordinasi TKSK dan PSM", "Aula Dinas Sosial", "35.73.01.1004", 1000, 2500),
]
CRITERIA = [
    ("Kelembagaan dan administrasi", "Kepengurusan, AD/ART, buku kegiatan", 25),
    ("Kegiatan kesehatan lansia", "Posyandu lansia, senam, pemeriksaan rutin", 30),
    ("Kegiatan sosial dan keagamaan", "Pengajian, arisan, kunjungan lansia sakit", 20),
    ("Usaha ekonomi produktif", "Kerajinan, kebun, koperasi", 15),
    ("Kemitraan", "Kerja sama dengan kelurahan, puskesmas, dunia usaha", 10),
]
JURY = [("Dr. Hj. Umi Salamah", "Universitas Negeri Malang", None),
        ("dr. Bayu Anggoro", "Dinas Kesehatan Kota Malang", None),
        ("Mbah Sumarni", "KOMDA Lansia", "Karang Werdha Mawar Sukun")]


class _Seeder:
    def __init__(self, ctx):
        from desaku.core.models import FundingSource, Region

        self.ctx, self.rng, self.users = ctx, ctx.rng, ctx.users
        self.today = timezone.localdate()
        self.regions = {r.code: r for r in Region.objects.filter(code__startswith="35.73.", level=4)}
        self.funding = {f.code: f for f in FundingSource.objects.all()}
        self.orgs = {}

    def organisations(self):
        from desaku.community import services

        by = self.users["kabid"]
        linked = {"Yayasan Sahabat Anak Jalanan Malang": self.ctx.organisations.get("lks_anak"),
                  "LKS Griya Werdha Sejahtera": self.ctx.organisations.get("lks_lansia")}
        for i, (kind, name, code, contact, reg, grade, on) in enumerate(ORGANISATIONS):
            self.orgs[name] = services.create_organisation(
                by=by, kind=kind, name=name, kelurahan=self.regions.get(code), contact_person=contact,
                phone=f"0812-33{i:02d}-{self.rng.randint(1000, 9999)}", registration_number=reg,
                accreditation=grade, accredited_on=on, linked_organisation=linked.get(name),
                address=f"Jl. Contoh No. {self.rng.randint(1, 120)}, Kota Malang")
        for i, (kind, name, code) in enumerate(VOLUNTEERS):
            affiliation = self.orgs["Karang Taruna Kota Malang"] if kind == "tagana" else None
            services.create_volunteer(by=by, kind=kind, full_name=name, kelurahan=self.regions.get(code),
                                      phone=f"0813-55{i:02d}-{self.rng.randint(1000, 9999)}", affiliation=affiliation,
                                      certificate_number=f"KEP/{100 + i}/{YEAR - self.rng.randint(0, 6)}",
                                      active_since=date(YEAR - self.rng.randint(1, 8), 1, 2))

    def elderly(self):
        from desaku.people.models import Person

        return list(Person.objects.filter(classifications__category__number=8, merged_into__isnull=True,
                                          date_of_death__isnull=True).distinct().order_by("pk")[:40])

    def disabled(self):
        from desaku.people.models import Person

        return list(Person.objects.filter(classifications__category__number=9, merged_into__isnull=True,
                                          date_of_death__isnull=True).distinct().order_by("pk")[:30])

    def members(self, elderly):
        from desaku.community import services

        by = self.users["kabid"]
        start = date(YEAR - 1, 1, 1)
        komda = self.orgs[MARKER]
        services.add_member(group=komda, by=by, name="Wakil Wali Kota Malang", position="Wakil Wali Kota (ex officio)",
                            role="chair", term_start=start, term_end=date(YEAR + 2, 12, 31))
        services.add_member(group=komda, by=by, name="Kepala Dinas Sosial", position="Kepala Dinas Sosial P3AP2KB",
                            role="vice_chair", term_start=start, term_end=date(YEAR + 2, 12, 31))
        services.add_member(group=komda, by=by, name="Mbah Sumarni", position="Ketua Karang Werdha Mawar Sukun",
                            role="member", term_start=start)
        groups = [o for o in self.orgs.values() if o.kind == "karang_werdha"]
        for i, person in enumerate(elderly[:len(groups) * 4]):
            group = groups[i % len(groups)]
            role = ("chair", "secretary", "treasurer", "member")[i // len(groups) % 4]
            services.add_member(group=group, by=by, person=person, role=role, term_start=start,
                                term_end=date(YEAR + 1, 12, 31))

    def activities(self, elderly, disabled):
        from desaku.community import services
        from desaku.community.models import ActivityType

        types = {t.code: t for t in ActivityType.objects.all()}
        last = min(self.today, date(YEAR, 12, 31))
        first = date(YEAR, 1, 1)
        if last < first:
            return 0
        count = max(6, round(36 * self.ctx.size))
        kw = [o for o in self.orgs.values() if o.kind == "karang_werdha"]
        made = 0
        for i in range(count):
            code, title, place, kel, low, high = ACTIVITY_PLAN[i % len(ACTIVITY_PLAN)]
            held_on = first + timedelta(days=int((last - first).days * i / count) + self.rng.randint(0, 3))
            held_on = min(held_on, last)
            lks = code in ("karang-werdha-forum", "apel-senam") and i % 3 == 0
            by = self.users["lks2"] if lks else self.users[self.rng.choice(("kabid", "operator", "peksos"))]
            elderly_event = code in ("apel-senam", "komda-meeting", "karang-werdha-forum")
            pool = elderly if elderly_event else disabled
            participants = self.rng.sample(pool, min(len(pool), self.rng.randint(2, 6))) if pool else []
            organiser = (self.orgs["LKS Griya Werdha Sejahtera"] if lks else
                         self.orgs[MARKER] if code == "komda-meeting" else
                         self.orgs["LKS Bina Difabel Mandiri"] if code in ("family-support", "early-detection")
                         else None)
            services.record_activity(
                by=by, activity_type=types[code], title=f"{title} {MONTHS[held_on.month - 1]}", held_on=held_on, place=place,
                kelurahan=self.regions.get(kel), organiser=organiser,
                organiser_name="" if organiser else "Dinas Sosial Kota Malang", target_group="",
                participants=participants,
                participating_organisations=self.rng.sample(kw, 3) if elderly_event else [],
                head_count=self.rng.randint(20, 250 if code == "apel-senam" else 60),
                budget_used=Decimal(self.rng.randint(low, high) * 1000),
                funding_source=self.funding.get("APBD-II" if not lks else "CSR"),
                notes="Dihadiri pengurus, kader dan perwakilan kelurahan.")
            made += 1
        # A correction after saving, with its reason in the history (the head count was counted again).
        from desaku.community.models import CommunityActivity

        first_recorded = CommunityActivity.objects.filter(created_by__in=self.users.values()).order_by("pk").first()
        if first_recorded is not None:
            services.update_activity(activity=first_recorded, by=first_recorded.created_by,
                                     data={"head_count": first_recorded.head_count + 12},
                                     reason="Daftar hadir susulan dari kelurahan: 12 peserta belum tercatat.")
        return made

    def award(self):
        from desaku.community import services

        by, kabid = self.users["operator"], self.users["kabid"]
        award_round = services.create_round(by=by, year=YEAR, judged_on=date(YEAR, 10, 15),
                                            notes="Penilaian lapangan 1–15 Oktober.")
        criteria = services.set_criteria(award_round=award_round, by=by, criteria=[
            {"name": n, "description": d, "weight": w} for n, d, w in CRITERIA])
        entries = [services.add_entry(award_round=award_round, group=o, by=by)
                   for o in self.orgs.values() if o.kind == "karang_werdha"]
        jurors = [services.add_juror(award_round=award_round, by=by, name=n, affiliation=a,
                                     affiliated_group=self.orgs.get(g) if g else None) for n, a, g in JURY]
        services.open_scoring(award_round=award_round, by=by)
        strength = {e.pk: self.rng.randint(60, 85) for e in entries}
        for juror in jurors:
            sheet = [(e, c, min(100, max(0, strength[e.pk] + self.rng.randint(-10, 12))))
                     for e in entries if not juror.conflicts_with(e) for c in criteria]
            services.record_scores(juror=juror, by=by, scores=sheet)
        services.finalise_round(award_round=award_round, by=kabid)


@core_demo.register("community", order=65)
def seed_community(ctx):
    from desaku.community.models import PSKSOrganisation

    if PSKSOrganisation.objects.filter(name=MARKER).exists():
        ctx.out("community: demo data already there")
        return
    if "kabid" not in ctx.users:
        ctx.out("community: no demo users, skipped")
        return
    seeder = _Seeder(ctx)
    seeder.organisations()
    elderly, disabled = seeder.elderly(), seeder.disabled()
    seeder.members(elderly)
    made = seeder.activities(elderly, disabled)
    seeder.award()
    ctx.out(f"community: {len(seeder.orgs)} organisations, {len(VOLUNTEERS)} volunteers, {made} activities, "
            f"award round {YEAR}")
