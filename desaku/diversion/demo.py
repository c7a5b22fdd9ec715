"""Demo data for diversion accompaniment: ABH cases at each stage with deadlines near, today and overdue relative
to today (timezone.localdate()), a failed diversion that went on to prosecution, an agreement awaiting the ruling,
one under supervision, a child victim, a child under 12 and a case where diversion is not mandatory. Through the
services; idempotent (the marker on the first case)."""

from datetime import timedelta

from django.utils import timezone

from desaku.core import demo as core_demo

MARKER = "DEMO-ABH"
INSTITUTIONS = {"police": "Polresta Malang Kota (Unit PPA)", "prosecutor": "Kejaksaan Negeri Kota Malang",
                "court": "Pengadilan Negeri Malang"}
# name, sex, age at the offence, role, offence, max sentence (months), repeat, scenario
CHILDREN = [
    ("Rafi Ardiansyah", "L", 15, "perpetrator", "Pencurian sepeda motor (Pasal 362 KUHP)", 60, False, "report_near"),
    ("Dimas Prasetyo", "L", 16, "perpetrator", "Penganiayaan ringan (Pasal 351 KUHP)", 32, False, "start_overdue"),
    ("Bagus Saputra", "L", 17, "perpetrator", "Pencurian dengan pemberatan (Pasal 363 KUHP)", 84 - 1, False,
     "prosecution_today"),
    ("Yoga Firmansyah", "L", 16, "perpetrator", "Pengeroyokan (Pasal 170 KUHP)", 66, False, "court_overdue"),
    ("Aditya Nugroho", "L", 14, "perpetrator", "Pencurian telepon genggam (Pasal 362 KUHP)", 60, False,
     "awaiting_ruling"),
    ("Fajar Maulana", "L", 15, "perpetrator", "Perusakan barang (Pasal 406 KUHP)", 32, False, "supervision"),
    ("Nabila Putri", "P", 13, "victim", "Korban perundungan dan penganiayaan", None, False, "victim"),
    ("Galih Ramadhan", "L", 11, "perpetrator", "Pencurian (Pasal 362 KUHP)", 60, False, "under12"),
    ("Reza Kurniawan", "L", 17, "perpetrator", "Pencurian dengan kekerasan (Pasal 365 KUHP)", 108, False,
     "not_mandatory"),
]


def _institutions(by):
    from desaku.core.models import Institution

    found = {}
    for kind, name in INSTITUTIONS.items():
        inst = Institution.objects.filter(name=name).first()
        if inst is None:
            inst = Institution(name=name, type=kind, address="Kota Malang")
            inst.save_with_reason(by=by, reason="demo")
        found[kind] = inst
    return found


def _child(by, name, sex, born):
    from desaku.people.services import register_person

    return register_person(by=by, data={"full_name": name, "sex": sex, "birth_date": born}, confirm_new=True,
                           confirm_warnings=True, source="demo")


@core_demo.register("diversion", order=35)
def seed_diversion(ctx):
    from desaku.cases.models import Case
    from desaku.diversion import services

    if Case.objects.filter(source_reference=MARKER).exists():
        ctx.out("diversion: demo data already there")
        return
    users = ctx.users
    if not all(name in users for name in ("peksos", "peksos2", "kabid")):
        ctx.out("diversion: no demo users, skipped")
        return
    today = timezone.localdate()
    kabid = users["kabid"]
    inst = _institutions(kabid)

    def d(days):
        return today - timedelta(days=days)

    made = 0
    for i, (name, sex, age, role, offence, sentence, repeat, scenario) in enumerate(CHILDREN):
        peksos = users["peksos"] if i % 2 == 0 else users["peksos2"]
        offence_on = d(70 if scenario in ("prosecution_today", "supervision") else 30)
        born = offence_on - timedelta(days=round(365.25 * age) + ctx.rng.randint(20, 300))  # `age` at the offence
        person = _child(peksos, name, sex, born)
        abh = services.open_abh_case(
            person=person, by=peksos, role=role, offence_on=offence_on, offence=offence, peksos=peksos,
            max_sentence_months=sentence, repeat_offence=repeat, opened_on=offence_on + timedelta(days=1),
            police_unit=inst["police"], prosecutor=inst["prosecutor"], court=inst["court"],
            investigator="Aipda Sutrisno, Unit PPA", bapas_officer="Sri Wahyuni (Bapas Kelas I Malang)",
            summary="Anak didampingi sejak pemeriksaan di kepolisian.", source_reference=MARKER if i == 0 else "")
        _scenario(services, abh, peksos, scenario, d, inst)
        made += 1
    ctx.out(f"diversion: {made} ABH cases")


def _scenario(services, abh, by, scenario, d, inst):
    kw = {"place": "Ruang diversi Polresta Malang Kota", "facilitator": "Penyidik Unit PPA",
          "participants": "Anak dan orang tua\nKorban dan orang tua\nPembimbing Kemasyarakatan Bapas\nPeksos Dinsos"}
    if scenario == "under12":
        services.record_special_route(abh=abh, by=by, decision="parents")
        return
    if scenario == "report_near":  # the social report is due tomorrow; the diversion must start within 4 days
        stage = services.start_stage(abh=abh, by=by, kind="investigation", started_on=d(3),
                                     social_report_requested_on=d(2))
        services.add_session(abh=abh, by=by, stage=stage, held_on=d(2), place="Polresta Malang Kota",
                             with_whom="Anak, ibu kandung, penyidik", notes="Pendampingan saat pemeriksaan.")
        return
    if scenario in ("start_overdue", "victim", "not_mandatory"):
        stage = services.start_stage(abh=abh, by=by, kind="investigation", started_on=d(9),
                                     social_report_requested_on=d(8))
        services.save_social_report(
            abh=abh, by=by, stage=stage, requested_on=d(8), requested_by="Penyidik Unit PPA Polresta Malang Kota",
            background="Anak tinggal bersama ibu; ayah merantau.", recommendation="Dikembalikan kepada orang tua "
            "dengan pendampingan.", submitted_on=d(6), family="Keluarga pra-sejahtera, 4 bersaudara.")
        if scenario == "not_mandatory":
            services.record_outcome(stage=stage, by=by, outcome="not_applicable", outcome_on=d(5),
                                    note="Ancaman pidana di atas 7 tahun.")
            services.start_stage(abh=abh, by=by, kind="prosecution", started_on=d(2))
        return
    if scenario == "prosecution_today":  # investigation failed; the prosecutor's diversion must start today
        stage = services.start_stage(abh=abh, by=by, kind="investigation", started_on=d(60))
        services.add_deliberation(stage=stage, by=by, held_on=d(55), result="failed",
                                  notes="Korban menolak perdamaian.", **kw)
        services.record_outcome(stage=stage, by=by, outcome="failed", outcome_on=d(30))
        services.start_stage(abh=abh, by=by, kind="prosecution", started_on=d(7))
        return
    if scenario == "court_overdue":  # the judge should have been assigned two days ago
        stage = services.start_stage(abh=abh, by=by, kind="investigation", started_on=d(25))
        services.record_outcome(stage=stage, by=by, outcome="failed", outcome_on=d(20), note="Tidak tercapai")
        stage = services.start_stage(abh=abh, by=by, kind="prosecution", started_on=d(15))
        services.add_deliberation(stage=stage, by=by, held_on=d(12), result="failed", **kw)
        services.record_outcome(stage=stage, by=by, outcome="failed", outcome_on=d(8))
        services.start_stage(abh=abh, by=by, kind="court", started_on=d(5))
        return
    stage = services.start_stage(abh=abh, by=by, kind="investigation", started_on=d(20 if scenario ==
                                                                                   "awaiting_ruling" else 65),
                                 social_report_requested_on=d(19 if scenario == "awaiting_ruling" else 64))
    services.save_social_report(abh=abh, by=by, stage=stage, requested_on=stage.social_report_requested_on,
                                background="Anak masih sekolah kelas 8, aktif di karang taruna.",
                                recommendation="Diversi dengan pengembalian kepada orang tua.",
                                submitted_on=stage.social_report_requested_on + timedelta(days=2))
    held = stage.started_on + timedelta(days=5)
    deliberation = services.add_deliberation(stage=stage, by=by, held_on=held, result="agreement", **kw)
    services.record_agreement(
        stage=stage, by=by, agreed_on=held, deliberation=deliberation, summary="Para pihak sepakat berdamai.",
        terms=["Permintaan maaf kepada korban", "Ganti rugi Rp1.500.000 kepada korban",
               "Anak dikembalikan kepada orang tua dengan bimbingan Bapas 3 bulan"])
    if scenario == "awaiting_ruling":  # sent to the court 8 days ago: the ruling is overdue
        services.record_ruling(stage=stage, by=by, agreement_sent_on=d(8))
        return
    services.record_ruling(stage=stage, by=by, agreement_sent_on=held + timedelta(days=2),
                           ruling_on=held + timedelta(days=4), ruling_number="12/Pid.Sus-Anak/2026/PN Mlg")
    terms = list(stage.agreement.terms.all())
    services.follow_up_term(term=terms[0], by=by, status="fulfilled", follow_up="Surat permintaan maaf diserahkan.",
                            checked_on=held + timedelta(days=10))
    services.follow_up_term(term=terms[1], by=by, status="in_progress", follow_up="Dicicil, sisa Rp500.000.",
                            checked_on=d(5))
    # The signed agreement as a scan, and a home visit whose place was corrected afterwards (audit history).
    services.add_document(abh=abh, by=by, stage=stage, upload=_scan("kesepakatan-diversi"), kind="agreement",
                          title="Kesepakatan diversi (ditandatangani para pihak)")
    visit = services.add_session(abh=abh, by=by, stage=stage, held_on=d(6), place="Rumah anak",
                                 with_whom="Anak dan ibu kandung", notes="Pemantauan pelaksanaan kesepakatan.")
    services.update_session(session=visit, by=by, reason="Kunjungan dilakukan di rumah nenek, bukan rumah anak.",
                            place="Rumah nenek anak")


def _scan(name):
    """A small grey 'scan' (PNG) standing in for the signed paper in demo data."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (210, 297), "white")
    draw = ImageDraw.Draw(image)
    for y in range(30, 280, 12):
        draw.line((20, y, 190 if y % 36 else 120, y), fill=(150, 150, 150))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile(f"{name}.png", buffer.getvalue(), content_type="image/png")
