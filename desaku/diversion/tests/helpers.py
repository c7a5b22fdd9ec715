"""Builders shared by the diversion tests: records made through the real services."""

from datetime import date, timedelta

from django.utils import timezone

from desaku.core.models import Institution
from desaku.diversion import services
from desaku.people.tests.factories import make_person


def today():
    return timezone.localdate()


def days_ago(n):
    return today() - timedelta(days=n)


def child(by, name="Rafi Ardiansyah", *, age=15, on=None):
    """A child who is `age` at `on` (default: 40 days ago, the usual offence date of these tests)."""
    on = on or days_ago(40)
    born = date(on.year - age, 1, 1)
    return make_person(by, name, birth_date=born, birth_year=born.year)


def institution(kind, name=None):
    name = name or {"police": "Polresta Uji", "prosecutor": "Kejari Uji", "court": "PN Uji"}[kind]
    found = Institution.objects.filter(name=name).first()
    if found is None:
        found = Institution(name=name, type=kind)
        found.save()
    return found


def opened(by, person=None, *, peksos=None, role="perpetrator", sentence=60, repeat=False, offence_on=None, **kw):
    person = person or child(by)
    return services.open_abh_case(person=person, by=by, role=role, offence_on=offence_on or days_ago(40),
                                  offence="Pencurian (Pasal 362 KUHP)", peksos=peksos or by,
                                  max_sentence_months=sentence, repeat_offence=repeat,
                                  opened_on=kw.pop("opened_on", days_ago(39)), **kw)


def stage_started(abh, by, kind="investigation", *, started=30, requested=None):
    return services.start_stage(abh=abh, by=by, kind=kind, started_on=days_ago(started),
                                social_report_requested_on=days_ago(requested) if requested is not None else None)


def agreed(abh, by, *, started=30, held=25):
    stage = stage_started(abh, by, started=started)
    deliberation = services.add_deliberation(stage=stage, by=by, held_on=days_ago(held), place="Polres",
                                             facilitator="Penyidik", participants="Anak\nKorban", result="agreement")
    agreement = services.record_agreement(stage=stage, by=by, agreed_on=days_ago(held), deliberation=deliberation,
                                          terms=["Minta maaf", "Ganti rugi"])
    stage.refresh_from_db()
    return stage, agreement
