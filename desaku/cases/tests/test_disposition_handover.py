"""An approved shelter disposition to an institution opens (or reuses) the person's case with a sent referral."""

import pytest

from desaku.cases.models import Case, Referral
from desaku.cases.tests.helpers import institution, opened
from desaku.outreach import services as outreach_services
from desaku.outreach.tests.helpers import admitted


def _refer(stay, peksos, kabid):
    disposition = outreach_services.propose_disposition(stay=stay, by=peksos, kind="referred",
                                                        institution=institution(), notes="Psikotik, perlu UPT")
    return outreach_services.approve_disposition(disposition=disposition, by=kabid)


@pytest.mark.django_db
def test_a_referral_disposition_opens_a_case_and_a_sent_referral(actors, child):
    peksos, kabid = actors["peksos"], actors["kabid"]
    stay = admitted(child, actors["peksos"], worker=peksos)
    disposition = _refer(stay, peksos, kabid)
    referral = Referral.objects.get(disposition_id=disposition.pk)
    case = referral.case
    assert (referral.status, referral.institution, referral.person) == ("sent", institution(), child)
    assert (case.source, case.worker, case.case_type, case.status) == ("disposition", peksos, "anak", "open")


@pytest.mark.django_db
def test_the_persons_open_case_is_reused(actors, child):
    peksos, kabid = actors["peksos"], actors["kabid"]
    case = opened(child, peksos)
    disposition = _refer(admitted(child, peksos, worker=peksos), peksos, kabid)
    assert Referral.objects.get(disposition_id=disposition.pk).case == case
    assert Case.objects.filter(person=child).count() == 1


@pytest.mark.django_db
def test_other_dispositions_make_no_referral(actors, child):
    peksos, kabid = actors["peksos"], actors["kabid"]
    stay = admitted(child, peksos, worker=peksos)
    disposition = outreach_services.propose_disposition(stay=stay, by=peksos, kind="absconded")
    outreach_services.approve_disposition(disposition=disposition, by=kabid)
    assert not Referral.objects.exists() and not Case.objects.exists()


@pytest.mark.django_db
def test_legacy_outreach_referrals_are_moved_into_case_referrals(actors, child):
    """Migration 0003: an OutreachReferral with no case referral gets one (on the person's open case or a new
    case); one that already has its twin is left alone."""
    import importlib

    from django.apps import apps

    from desaku.core.auditing import allow_bulk_writes
    from desaku.outreach.models import OutreachReferral

    peksos, kabid = actors["peksos"], actors["kabid"]
    disposition = _refer(admitted(child, peksos, worker=peksos), peksos, kabid)
    # Simulate a row written before the hand-over existed: drop the case side, keep a legacy outreach row.
    with allow_bulk_writes(reason="test"):
        Referral.objects.filter(disposition_id=disposition.pk).delete()
        Case.objects.filter(person=child).delete()
    OutreachReferral(disposition=disposition, person=child, institution=institution(), reason="Psikotik",
                     status="accepted", sent_on=disposition.decided_on, response_note="diterima").save_with_reason(
        by=kabid)
    migration = importlib.import_module("desaku.cases.migrations.0003_referrals_from_outreach")
    migration.forwards(apps, None)
    migration.forwards(apps, None)  # idempotent
    referral = Referral.objects.get()
    assert (referral.disposition_id, referral.status, referral.response, referral.person) == (
        disposition.pk, "accepted", "diterima", child)
    assert (referral.case.source, referral.case.worker, referral.case.person) == ("disposition", peksos, child)
