from datetime import date

import pytest
from django.core.exceptions import ValidationError

from desaku.core.models import PPKSCategory
from desaku.people import services
from desaku.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_a_person_holds_several_dated_classifications(actors):
    by = actors["peksos"]
    person = make_person(by, "Rizki", birth_year=2009)
    anjal = PPKSCategory.objects.get(number=4)
    services.classify(person=person, by=by, category=anjal, valid_from=date(2024, 2, 1), evidence="razia Alun-alun")
    services.classify(person=person, by=by, category=PPKSCategory.objects.get(number=2), valid_from=date(2024, 2, 1))
    assert person.classifications.count() == 2
    with pytest.raises(ValidationError):
        services.classify(person=person, by=by, category=anjal, valid_from=date(2024, 3, 1))
    current = person.classifications.get(category=anjal)
    services.end_classification(classification=current, by=by, valid_to=date(2027, 1, 1), reason="turned 18")
    assert not person.classifications.get(category=anjal).is_current
    services.classify(person=person, by=by, category=anjal, valid_from=date(2028, 1, 1))


def test_end_before_start_is_refused(actors):
    by = actors["peksos"]
    person = make_person(by, "Rizki")
    item = services.classify(person=person, by=by, category=PPKSCategory.objects.get(number=12),
                             valid_from=date(2024, 2, 1))
    with pytest.raises(ValidationError):
        services.end_classification(classification=item, by=by, valid_to=date(2024, 1, 1), reason="x")
