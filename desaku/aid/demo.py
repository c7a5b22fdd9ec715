"""Demo data for aid: a year of ASPD quarterly payments, food staples, PKSA, UEP grants, and recommendation
letters. Through the services, deterministic with ``ctx.rng``, idempotent (the ASPD program marks it)."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from desaku.core import demo as core_demo

MARKER = "aspd-demo"


def _programs(ctx, by):
    from desaku.aid import services
    from desaku.core.models import FundingSource

    year = timezone.localdate().year
    fs = {f.code: f for f in FundingSource.objects.all()}
    specs = [
        {"code": MARKER, "name": "ASPD (Asistensi Sosial Penyandang Disabilitas Berat)", "kind": "cash",
             "funding_source": fs["APBD-I"], "year": year, "budget": Decimal(90_000_000), "benefit_amount": Decimal(900_000),
             "frequency": "monthly_quarterly", "duration_months": 12,
             "rules": [{"rule": "alive"}, {"rule": "disability", "severities": ["severe"]},
                    {"rule": "domicile_malang"}]},
        {"code": "sembako-demo", "name": "Bantuan Bahan Pokok Disabilitas dan Lansia Terlantar", "kind": "in_kind",
             "funding_source": fs["APBD-II"], "year": year, "budget": Decimal(40_000_000), "benefit_amount": Decimal(250_000),
             "benefit_package": "Beras 10 kg, minyak goreng 2 L, gula 2 kg, telur 1 kg", "frequency": "quarterly",
             "rules": [{"rule": "alive"}, {"rule": "domicile_malang"}, {"rule": "decile_max", "max": 4}]},
        {"code": "pksa-demo", "name": "PKSA Anak Jalanan", "kind": "cash", "funding_source": fs["APBN"], "year": year,
             "budget": Decimal(30_000_000), "benefit_amount": Decimal(500_000), "frequency": "quarterly",
             "rules": [{"rule": "alive"}, {"rule": "age", "min": 0, "max": 17}]},
        {"code": "uep-demo", "name": "UEP (Usaha Ekonomi Produktif)", "kind": "grant", "funding_source": fs["APBD-II"],
             "year": year, "budget": Decimal(50_000_000), "benefit_amount": Decimal(5_000_000), "frequency": "one_off",
             "rules": [{"rule": "alive"}, {"rule": "age", "min": 18, "max": 64}, {"rule": "domicile_malang"},
                    {"rule": "not_enrolled", "programs": [MARKER]}]},
        {"code": "pbi-demo", "name": "Rekomendasi PBI Jaminan Kesehatan", "kind": "recommendation",
             "funding_source": fs["APBD-II"], "year": year, "budget": Decimal(0), "frequency": "one_off",
             "rules": [{"rule": "alive"}, {"rule": "domicile_malang"}, {"rule": "decile_max", "max": 5}]},
    ]
    return [services.save_program(by=by, **spec) for spec in specs]


@core_demo.register("aid", order=60)
def seed_aid(ctx):
    from desaku.aid import services
    from desaku.aid.models import Program
    from desaku.people.models import Disability, Person

    if Program.objects.filter(code=MARKER).exists():
        ctx.out("aid: demo data already there")
        return
    kabid, operator, peksos = ctx.users["kabid"], ctx.users["operator"], ctx.users["peksos"]
    aspd, sembako, pksa, uep, _pbi = _programs(ctx, operator)
    rng = ctx.rng
    today = timezone.localdate()
    year = today.year
    persons = list(Person.objects.filter(merged_into__isnull=True, date_of_death__isnull=True).order_by("pk")[:400])
    severe = set(Disability.objects.filter(severity="severe").values_list("person_id", flat=True))

    def enrol(program, person, bank=True):
        try:
            e = services.propose_enrolment(program=program, person=person, by=operator, reason="Data demo",
                                           bank_name="Bank Jatim" if bank else "",
                                           account_number=f"00{rng.randint(10**9, 10**10 - 1)}" if bank else "")
            services.verify_enrolment(enrolment=e, by=operator)
            return services.approve_enrolment(enrolment=e, by=kabid, start_date=date(year, 1, 1))
        except Exception:  # noqa: BLE001 - a demo person who does not qualify is simply skipped
            return None

    for person in persons:
        if person.pk in severe:
            enrol(aspd, person)
        for program, limit in ((sembako, 40), (pksa, 15), (uep, 8)):
            if program.enrolments.count() < limit * ctx.size + 1 and rng.random() < 0.3:
                enrol(program, person, bank=program is not sembako)
    # Budgets that fit the enrolees (the demo registry's size varies), ASPD with a little headroom.
    for program, times in ((aspd, 4.4), (sembako, 4.2), (pksa, 4.2)):
        needed = Decimal(program.enrolments.filter(status="active").count()) * program.benefit_amount
        services.save_program(by=operator, program=program, rules=program.rules,
                              budget=max(program.budget, (needed * Decimal(times)).quantize(Decimal(1))))
    # A year of quarterly ASPD payments (and food staples, PKSA): cycles up to this quarter, paid.
    for quarter in range(1, 5):
        on = date(year, 3 * quarter - 2, 15)
        if on > today:
            break
        for program in (aspd, sembako, pksa):
            cycle = services.generate_cycle(program=program, by=operator, name=f"{program.name[:60]} {year} tahap "
                                            f"{quarter}", scheduled_on=on)
            if not cycle.line_count:
                continue
            services.verify_cycle(cycle=cycle, by=operator)
            if services.cycle_total(cycle) > cycle.program.budget - services.committed_elsewhere(program, cycle.pk):
                continue  # over budget: left verified for the demo
            services.approve_cycle(cycle=cycle, by=kabid)
            if program is sembako:
                services.record_stock(cycle=cycle, by=operator, kind="received", quantity=cycle.line_count, on=on)
                services.record_stock(cycle=cycle, by=operator, kind="packed", quantity=cycle.line_count, on=on)
            for i, line in enumerate(cycle.lines.all()):
                if program is sembako:
                    services.pay_line(line=line, by=operator, method="goods", paid_on=on, received_by="Penerima")
                elif i % 9 == 8 or (i == 0 and quarter == 1):  # carried into the next quarter's cycle
                    services.mark_line(line=line, by=operator, status="undelivered", note="Rekening tidak aktif")
                else:
                    services.pay_line(line=line, by=operator, method="bank", paid_on=on,
                                      reference=f"TRF{on:%Y%m%d}{line.pk:06d}")
            if program is sembako:
                services.record_stock(cycle=cycle, by=operator, kind="delivered", quantity=cycle.line_count, on=on)
            if on.month + 3 <= today.month:
                services.close_cycle(cycle=cycle, by=operator)
    # UEP: one grant cycle.
    cycle = services.generate_cycle(program=uep, by=operator, name=f"UEP {year}", scheduled_on=date(year, 2, 1))
    services.verify_cycle(cycle=cycle, by=operator)
    # Welfare records and recommendation requests at every stage.
    kinds = ("bpjs_pbi", "poverty", "fee_waiver")
    for i, person in enumerate(persons[:12]):
        services.record_welfare(person=person, by=peksos, decile=rng.randint(1, 6), in_dtks=rng.random() < 0.7,
                                recorded_on=date(year, 1, 10), source="DTSEN")
        kind = kinds[i % 3]
        req = services.request_letter(person=person, by=operator, kind=kind, purpose="Berobat di RSUD Kota Malang",
                                      facility="RSUD Kota Malang" if kind == "fee_waiver" else "")
        if i % 4 != 0:
            services.check_request(request=req, by=operator, notes="Sesuai data")
            if i % 4 != 1:
                services.decide_request(request=req, by=kabid, approve=i % 5 != 0, note="Disetujui" if i % 5 else
                                        "Tidak memenuhi")
    # A request withdrawn by its requester, and an issued letter revoked by the Kepala Bidang.
    from desaku.aid.models import RecommendationRequest, RequestStatus
    from desaku.core import letters as core_letters

    pending = RecommendationRequest.objects.filter(status=RequestStatus.SUBMITTED, requested_by=operator).first()
    if pending is not None:
        services.withdraw_request(request=pending, by=operator, reason="Pemohon sudah menerima KIS dari kelurahan")
    approved = list(RecommendationRequest.objects.filter(status=RequestStatus.APPROVED).order_by("pk")[:2])
    for n, req in enumerate(approved):
        req.letter = core_letters.issue_letter(type_code=services.LETTER_TYPES[req.kind], by=kabid, record=req,
                                               subject=f"{req.get_kind_display()} — #{req.pk}")
        req.save_with_reason(by=kabid, reason=req.letter.number)
        if n == 1:
            services.revoke_request_letter(request=req, by=kabid, reason="Data penghasilan keluarga tidak sesuai")
    services.count_eligible(today)  # the daily job's first count, for the coverage figure
    # Undelivered ASPD lines of one quarter were carried into the next by generate_cycle (see above).
    ctx.out(f"aid: {Program.objects.count()} programs, demo cycles and letters")
