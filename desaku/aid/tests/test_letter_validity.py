"""Letter validity periods are reference data (aid.LetterValidity, editable in the admin), loaded with the
former defaults: BPJS PBI no expiry, poverty 180 days, fee waiver 90 days."""

from datetime import timedelta

import pytest

from desaku.aid import services
from desaku.aid.models import LetterValidity
from desaku.aid.tests.helpers import severe_person, today

pytestmark = pytest.mark.django_db


def _approved(actors, kind):
    op = actors["operator"]
    item = services.request_letter(person=severe_person(op), by=op, kind=kind, purpose="x",
                                   facility="RSUD" if kind == "fee_waiver" else "")
    services.check_request(request=item, by=op)
    return services.decide_request(request=item, by=actors["kabid"], approve=True)


def test_the_defaults_are_loaded_by_the_migration():
    assert dict(LetterValidity.objects.values_list("kind", "days")) == {
        "bpjs_pbi": None, "poverty": 180, "fee_waiver": 90}


def test_a_changed_period_applies_to_the_next_approval(actors):
    assert _approved(actors, "poverty").valid_until == today() + timedelta(days=180)
    row = LetterValidity.objects.get(kind="poverty")
    row.days = 30
    row.save_with_reason(by=actors["admin"], reason="Perwal baru")
    assert _approved(actors, "poverty").valid_until == today() + timedelta(days=30)
    assert _approved(actors, "bpjs_pbi").valid_until is None
    row = LetterValidity.objects.get(kind="bpjs_pbi")
    row.days = 365
    row.save_with_reason(by=actors["admin"], reason="berlaku setahun")
    assert _approved(actors, "bpjs_pbi").valid_until == today() + timedelta(days=365)
