"""Demo data for case management: a caseload for the two Dinsos Peksos and the two LKS (children, elderly),
with assessments, plans (some reviews overdue), actions that became tasks, services, notes (one
confidential each), referrals (one long without an answer) and closed cases. Through the services,
deterministic with ``ctx.rng``; the cases opened by the outreach demo's referrals come on top.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from desaku.core import demo as core_demo

MARKER = "DEMO-CASES"  # source reference of the first demo case: if it exists, the data is there

TYPE_BY_CATEGORY = {8: "lansia", 9: "disabilitas", 5: "disabilitas", 4: "anak", 2: "anak", 1: "anak", 3: "abh",
                    17: "napza", 15: "eks_napi", 11: "tuna_sosial", 12: "tuna_sosial", 13: "tuna_sosial"}
SITUATIONS = {
    "anak": "Anak putus sekolah, sering mengamen di perempatan Kayutangan; orang tua bekerja serabutan.",
    "lansia": "Lansia tinggal sendiri, anak merantau; kebutuhan makan dibantu tetangga.",
    "disabilitas": "Penyandang disabilitas berat, terbaring di rumah; keluarga belum mendapat ASPD.",
    "tuna_sosial": "Gelandangan eks razia, tidak punya KTP, ingin bekerja sebagai pemulung tetap.",
    "napza": "Eks pengguna NAPZA selesai rehabilitasi, perlu pendampingan kembali ke keluarga.",
    "eks_napi": "Bebas bersyarat dari Lapas Lowokwaru, butuh pekerjaan dan penerimaan lingkungan.",
    "abh": "Anak berhadapan dengan hukum, didampingi dari kepolisian.",
    "other": "Keluarga rentan yang datang langsung ke kantor Dinas Sosial.",
}
GOALS = {
    "anak": [("Anak kembali bersekolah", "care", "Daftarkan ke SD terdekat / kejar paket A"),
             ("Keluarga mampu mengasuh tanpa anak turun ke jalan", "family", "Kunjungan rumah dan konseling orang tua")],
    "lansia": [("Kebutuhan dasar terpenuhi", "living", "Usulkan ASLUT dan bantuan sembako"),
               ("Kesehatan terpantau", "accessibility", "Pendampingan ke Puskesmas setiap bulan")],
    "disabilitas": [("Mendapat terapi rutin", "therapy", "Jadwalkan terapi okupasi"),
                    ("Mendapat bantuan ASPD", "aid", "Lengkapi berkas usulan ASPD")],
}
DEFAULT_GOALS = [("Dokumen kependudukan lengkap", "accessibility", "Dampingi pengurusan KTP dan KK di Dispendukcapil"),
                 ("Memiliki penghasilan tetap", "vocational", "Ikutkan pelatihan keterampilan")]
SERVICES = {
    "anak": ("konseling", "dukungan-pendidikan", "pengasuhan", "forum-keluarga"),
    "lansia": ("bantuan-barang", "pendampingan-kesehatan", "bantuan-tunai", "kebutuhan-dasar"),
    "disabilitas": ("terapi-okupasi", "deteksi-dini", "alat-bantu", "bantuan-tunai"),
}
DEFAULT_SERVICES = ("asesmen", "dokumen-kependudukan", "bimbingan", "pelatihan")
NOTES = ("Kunjungan rumah: keluarga kooperatif, rumah sempit tapi bersih.",
         "Telepon dengan ketua RT: klien terlihat di lingkungan setiap hari.",
         "Case conference dengan Puskesmas dan LKS, sepakat melanjutkan rencana.")
CONFIDENTIAL = ("Klien mengungkapkan pernah mengalami kekerasan oleh anggota keluarga; dirahasiakan.",
                "Informasi kesehatan sensitif disampaikan klien; hanya untuk peksos dan atasan.")
REFERRAL_TO = ("UPT Rehabilitasi Sosial Bina Laras Pasuruan", "RSUD dr. Saiful Anwar Malang",
               "UPT Pelayanan Sosial Tresna Werdha Jember", "UPT Rehabilitasi Sosial Bina Netra Malang")


def _case_type(person):
    numbers = set(person.classifications.filter(valid_to__isnull=True).values_list("category__number", flat=True))
    for number, case_type in TYPE_BY_CATEGORY.items():
        if number in numbers:
            return case_type
    return "other"


@core_demo.register("cases", order=30)
def seed_cases(ctx):
    from desaku.cases import services
    from desaku.cases.models import ACTIVE_STATUSES, Case, ServiceType
    from desaku.core.models import ExitDestination, Institution
    from desaku.people.models import Person

    if Case.objects.filter(source_reference=MARKER).exists():
        ctx.out("cases: demo data already there")
        return
    users = ctx.users
    if not all(name in users for name in ("peksos", "peksos2", "lks", "lks2", "kabid")):
        ctx.out("cases: no demo users, skipped")
        return
    rng, today = ctx.rng, timezone.localdate()
    busy = set(Case.objects.filter(status__in=ACTIVE_STATUSES, person__isnull=False).values_list("person", flat=True))
    persons = [p for p in Person.objects.filter(merged_into__isnull=True, date_of_death__isnull=True).order_by("pk")
               [:400] if p.pk not in busy]
    rng.shuffle(persons)
    count = min(len(persons), max(8, round(32 * ctx.size)))
    service_types = {s.code: s for s in ServiceType.objects.filter(active=True)}
    institutions = {i.name: i for i in Institution.objects.filter(name__in=REFERRAL_TO)}
    exits = list(ExitDestination.objects.filter(active=True, code__in=("family_permanent", "own_housing", "panti",
                                                                      "unknown")))
    workers = ("peksos", "peksos2", "lks", "lks2")
    made = 0
    for i, person in enumerate(persons[:count]):
        worker = users[workers[i % len(workers)]]
        case_type = _case_type(person)
        if worker.username == "lks2" and case_type not in ("lansia", "disabilitas"):
            case_type = "lansia" if (person.age_on(today) or 0) >= 60 else "other"
        opened = today - timedelta(days=rng.randint(20, 330))
        case = services.open_case(
            person=person, case_type=case_type, by=worker, worker=worker, opened_on=opened,
            source=rng.choice(("walk_in", "walk_in", "referral", "program")),
            priority=rng.choice(("low", "medium", "medium", "high", "urgent")),
            summary=SITUATIONS.get(case_type, SITUATIONS["other"]), source_reference=MARKER if i == 0 else "",
            secondary_workers=[users["peksos"]] if worker.username == "lks" and i % 3 == 0 else ())
        assessed = opened + timedelta(days=rng.randint(1, 7))
        services.save_assessment(
            case=case, by=worker, assessed_on=assessed, risk_level=rng.choice(("low", "medium", "high")),
            family_situation="Tinggal bersama keluarga inti" if i % 2 else "Tidak ada keluarga yang merawat",
            health=rng.choice(("Sehat", "Hipertensi", "Gizi kurang", "Perlu kontrol rutin")),
            strengths="Klien bersedia mengikuti pendampingan", needs={"family": "Penguatan keluarga",
                                                                    "aid": "Usulan bantuan sosial"},
            summary="Membutuhkan pendampingan berkelanjutan.")
        # A quarter of the plans are past their review date: they show up as overdue.
        review = today - timedelta(days=rng.randint(3, 40)) if i % 4 == 1 else today + timedelta(days=rng.randint(10, 80))
        plan = services.save_plan(case=case, by=worker, next_review_on=max(review, assessed + timedelta(days=1)),
                                  summary="Rencana pendampingan 6 bulan.")
        for description, component, action_text in GOALS.get(case_type, DEFAULT_GOALS):
            goal = services.add_goal(plan=plan, by=worker, description=description, atensi_component=component)
            due = today + timedelta(days=rng.randint(-10, 45))
            action = services.add_action(goal=goal, by=worker, description=action_text, responsible=worker,
                                         due_on=due)
            if due < today and rng.random() < 0.5:
                services.complete_action(action=action, by=worker, done_on=due)
        if plan.next_review_on > assessed + timedelta(days=30) and i % 3 == 0:
            services.add_review(plan=plan, by=worker, reviewed_on=min(today, assessed + timedelta(days=30)),
                                progress="Sebagian tujuan tercapai; dilanjutkan.",
                                next_review_on=plan.next_review_on)
        for n in range(rng.randint(1, 4)):
            code = rng.choice(SERVICES.get(case_type, DEFAULT_SERVICES))
            stype = service_types.get(code)
            if stype is None:
                continue
            day = min(today, opened + timedelta(days=rng.randint(3, 90)))
            services.record_service(
                case=case, by=worker, service_type=stype, delivered_on=day,
                provider=str(worker.organisation), quantity=Decimal(rng.randint(1, 4)) if stype.unit else None,
                amount=Decimal(rng.choice((300_000, 600_000, 900_000))) if stype.has_amount else None,
                notes="Diberikan sesuai rencana." if n == 0 else "")
        services.add_note(case=case, by=worker, text=rng.choice(NOTES), kind=rng.choice(("visit", "phone", "meeting")),
                          noted_on=min(today, opened + timedelta(days=rng.randint(5, 60))))
        if i % 3 == 0:
            services.add_note(case=case, by=worker, text=rng.choice(CONFIDENTIAL), confidential=True,
                              noted_on=min(today, opened + timedelta(days=10)))
        if i % 5 == 2 and institutions:
            referral = services.create_referral(case=case, by=worker, institution=rng.choice(list(institutions.values())),
                                                reason="Membutuhkan layanan lanjutan yang tidak tersedia di Kota Malang.",
                                                documents="Hasil asesmen, fotokopi KK, surat keterangan sehat")
            sent = min(today, opened + timedelta(days=rng.randint(10, 40)))
            services.advance_referral(referral=referral, by=worker, action="send", on=sent)
            if i % 10 == 7:
                services.advance_referral(referral=referral, by=worker, action="accept", on=min(today, sent + timedelta(
                    days=5)), response="Diterima, jadwal masuk minggu depan.")
        if i % 6 == 5 and exits:
            services.close_case(case=case, by=worker, exit_destination=rng.choice(exits),
                                reason="Tujuan rencana tercapai; klien mandiri.",
                                closed_on=min(today, opened + timedelta(days=rng.randint(60, 200))))
        made += 1
    # A household case: a family at risk, handled as a whole by the Dinas Peksos.
    from desaku.people.models import Household

    household = Household.objects.filter(memberships__end_date__isnull=True).order_by("pk").first()
    if household is not None and not household.cases.exists():
        peksos = users["peksos"]
        case = services.open_case(
            household=household, case_type="other", by=peksos, worker=peksos, opened_on=today - timedelta(days=45),
            priority="high", summary="Keluarga rentan: rumah tidak layak huni, kepala keluarga kehilangan pekerjaan.")
        services.save_plan(case=case, by=peksos, next_review_on=today + timedelta(days=30),
                           summary="Pendampingan keluarga dan usulan bantuan.")
        services.add_note(case=case, by=peksos, text="Kunjungan rumah bersama ketua RT.", kind="visit",
                          noted_on=today - timedelta(days=40))
        made += 1
    ctx.out(f"cases: {made} cases")
