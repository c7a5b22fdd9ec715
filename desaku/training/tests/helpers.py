"""Builders shared by the training tests: records made through the real services."""

from datetime import date, time, timedelta

from django.utils import timezone

from desaku.core.models import FundingSource, PPKSCategory
from desaku.people import services as people_services
from desaku.people.tests.factories import make_person
from desaku.training import services
from desaku.training.models import Course, SkillType

FAKIR_MISKIN = "PPKS-24"


def today() -> date:
    return timezone.localdate()


def category(code=FAKIR_MISKIN):
    return PPKSCategory.objects.get(code=code)


def course(by, *, groups=(FAKIR_MISKIN,), min_age=17, min_attendance_pct=80, pass_score=70, **kwargs):
    return services.save_course(
        by=by, skill_type=SkillType.objects.get(code=kwargs.pop("skill", "menjahit")),
        name=kwargs.pop("name", "Menjahit Uji"), min_age=min_age, min_attendance_pct=min_attendance_pct,
        pass_score=pass_score, sessions=kwargs.pop("sessions", 3), hours=12,
        target_groups=[category(c) for c in groups], **kwargs)


def batch(by, the_course=None, *, start=None, days=3, capacity=10, start_time=time(8), end_time=time(12),
          status="open", **kwargs):
    start = start or today() - timedelta(days=days - 1)
    return services.create_batch(
        by=by, course=the_course or Course.objects.filter(name="Menjahit Uji").first() or course(by),
        name=kwargs.pop("name", "Menjahit Angkatan Uji"), provider_name=kwargs.pop("provider_name", "Dinas Sosial"),
        location="Aula Dinsos", start_date=start, end_date=start + timedelta(days=days - 1), capacity=capacity,
        start_time=start_time, end_time=end_time, weekdays=range(1, 8), status=status,
        funding_source=FundingSource.objects.get(code="APBD-II"), budget=10_000_000, **kwargs)


def trainee(by, name="Sumiati", *, birth_year=1985, code=FAKIR_MISKIN, **data):
    person = make_person(by, name, birth_year=birth_year, sex=data.pop("sex", "P"), **data)
    if code:
        people_services.classify(person=person, by=by, category=category(code), valid_from=date(2020, 1, 1))
    return person


def run_to_completion(batch_obj, by, marks=None, scores=None):
    """Open → running, every session marked, scores given, completed."""
    from desaku.training.models import BatchStatus

    if batch_obj.status == BatchStatus.OPEN:
        services.change_status(batch=batch_obj, by=by, to=BatchStatus.RUNNING)
    enrolled = list(batch_obj.enrolments.filter(status="enrolled"))
    for session in batch_obj.sessions.all():
        services.record_attendance(session=session, by=by, marks={
            e.pk: (marks or {}).get(e.pk, "present") for e in enrolled})
    services.record_scores(batch=batch_obj, by=by, scores={e.pk: (scores or {}).get(e.pk, 80) for e in enrolled})
    return services.complete_batch(batch=batch_obj, by=by)
