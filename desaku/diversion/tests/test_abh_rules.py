"""The ABH case: the child's role checked against the age at the offence (under 12 → special route; 18 or more
refused), diversion mandatory under 7 years' prison when not a repeat offence (with the reason), the case of
type ABH opened in the same transaction."""

import pytest
from django.core.exceptions import ValidationError

from desaku.cases.models import Case
from desaku.diversion import services
from desaku.diversion.models import AbhCase
from desaku.diversion.tests.helpers import child, days_ago, opened


@pytest.mark.django_db
def test_opening_makes_the_case_and_the_details(actors):
    peksos = actors["peksos"]
    abh = opened(peksos, child(peksos, age=15))
    assert abh.case.case_type == "abh" and abh.case.worker == peksos
    assert abh.age_at_offence == 15 and not abh.special_route
    assert abh.diversion_mandatory
    assert abh.number.startswith("ABH-") and "Rafi" not in str(abh)


@pytest.mark.django_db
def test_age_limits(actors):
    peksos = actors["peksos"]
    young = opened(peksos, child(peksos, "Galih", age=11))
    assert young.special_route and not young.diversion_mandatory
    with pytest.raises(ValidationError):
        services.start_stage(abh=young, by=peksos, kind="investigation", started_on=days_ago(5))
    services.record_special_route(abh=young, by=peksos, decision="lpks")
    victim = opened(peksos, child(peksos, "Nabila", age=8), role="victim")
    assert not victim.special_route and not victim.diversion_mandatory
    before = Case.objects.count()
    with pytest.raises(ValidationError) as error:
        opened(peksos, child(peksos, "Dewasa", age=18))
    assert "offence_on" in error.value.error_dict
    assert Case.objects.count() == before  # one transaction: no case without its ABH details
    assert AbhCase.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("sentence,repeat,mandatory", [(83, False, True), (84, False, False), (60, True, False),
                                                       (None, False, False)])
def test_diversion_mandatory_with_reason(actors, sentence, repeat, mandatory):
    abh = opened(actors["peksos"], sentence=sentence, repeat=repeat)
    assert abh.diversion_mandatory is mandatory
    assert abh.diversion_reason


@pytest.mark.django_db
def test_no_musyawarah_when_diversion_is_not_mandatory(actors):
    peksos = actors["peksos"]
    abh = opened(peksos, repeat=True)
    stage = services.start_stage(abh=abh, by=peksos, kind="investigation", started_on=days_ago(5))
    with pytest.raises(ValidationError):
        services.add_deliberation(stage=stage, by=peksos, held_on=days_ago(2), place="x", facilitator="y",
                                  participants="z", result="agreement")
