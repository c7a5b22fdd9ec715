"""Move the legacy outreach referrals into case management: every OutreachReferral without a twin
cases.Referral (same disposition) gets one, on the person's active case or on a new case opened from the
disposition. The outreach rows stay as read-only legacy (docs/decisions.md)."""

from django.db import migrations

ACTIVE = ("open", "on_hold", "reopened")
STATUS = {"sent": "sent", "accepted": "accepted", "declined": "declined"}


def forwards(apps, schema_editor):
    OutreachReferral = apps.get_model("outreach", "OutreachReferral")
    Case = apps.get_model("cases", "Case")
    Referral = apps.get_model("cases", "Referral")
    done = set(Referral.objects.exclude(disposition_id=None).values_list("disposition_id", flat=True))
    for old in OutreachReferral.objects.select_related("disposition__stay").order_by("pk"):
        disposition = old.disposition
        if disposition.pk in done:
            continue
        stay = disposition.stay
        by_id = disposition.approved_by_id or disposition.proposed_by_id
        case = Case.objects.filter(person_id=old.person_id, status__in=ACTIVE).order_by("-opened_on", "-pk").first()
        if case is None:
            case = Case.objects.create(
                person_id=old.person_id, case_type="tuna_sosial", source="disposition",
                source_reference=f"outreach.disposition:{disposition.pk}", priority="medium",
                summary=disposition.notes, worker_id=stay.responsible_worker_id, organisation_id=stay.organisation_id,
                status="open", opened_on=disposition.decided_on, created_by_id=by_id)
        status = STATUS.get(old.status, "sent")
        Referral.objects.create(
            case=case, person_id=old.person_id, institution_id=old.institution_id,
            reason=old.reason or "Disposisi shelter", status=status, sent_on=old.sent_on,
            response=old.response_note, responded_on=old.sent_on if status != "sent" else None,
            disposition_id=disposition.pk, created_by_id=by_id)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_service_types_and_letter_type"),
        ("outreach", "0003_report_indexes"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
