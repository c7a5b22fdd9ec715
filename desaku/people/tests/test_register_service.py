"""Registration through the service: duplicate check, NIK rules, nothing half-written."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from desaku.core import crypto
from desaku.core.models import AuditEntry
from desaku.people import services
from desaku.people.models import DuplicateDecision, Person, PersonNameKey
from desaku.people.tests.factories import make_person, nik_for

pytestmark = pytest.mark.django_db


def test_register_encrypts_the_nik_and_masks_it(actors):
    person = make_person(actors["peksos"], "Siti Aminah", sex="P", nik="3573014107900001",
                         birth_date=date(1990, 7, 1))
    person.refresh_from_db()
    assert person.nik_masked == "3573********0001"
    assert "3573014107900001" not in person.nik_encrypted
    assert services.nik_of(person) == "3573014107900001"
    assert person.nik_hash == crypto.blind_index("3573014107900001", "nik")
    assert person.birth_year == 1990 and person.birth_date_quality == "exact"
    assert PersonNameKey.objects.filter(person=person).exists()


def test_the_audit_trail_never_holds_the_nik(actors):
    person = make_person(actors["peksos"], "Siti Aminah", sex="P", nik="3573014107900001")
    entry = AuditEntry.objects.filter(model_label="people.Person", object_id=str(person.pk)).get()
    assert "3573014107900001" not in str(entry.changes)
    assert entry.changes["nik_masked"] == "(diubah)"


def test_possible_duplicate_stops_registration(actors):
    existing = make_person(actors["peksos"], "Achmad Sutrisno", birth_year=1975)
    before = Person.objects.count()
    with pytest.raises(services.PossibleDuplicates) as caught:
        services.register_person(by=actors["peksos"], data={"full_name": "Ahmad Sutrisna", "sex": "L",
                                                             "birth_year": 1976})
    assert Person.objects.count() == before
    persons = [p for p, _score, _reasons in caught.value.report.matches]
    assert persons[0] == existing


def test_confirming_a_new_person_logs_the_decision(actors):
    make_person(actors["peksos"], "Achmad Sutrisno", birth_year=1975)
    person = services.register_person(by=actors["peksos"], data={"full_name": "Ahmad Sutrisna", "sex": "L",
                                                                  "birth_year": 1976}, confirm_new=True)
    decision = DuplicateDecision.objects.get(person=person)
    assert decision.decision == "new" and decision.decided_by == actors["peksos"]
    assert decision.candidates and decision.candidates[0]["score"] > 0


def test_linking_to_the_existing_person_keeps_the_spelling_as_alias(actors):
    existing = make_person(actors["peksos"], "Achmad Sutrisno", birth_year=1975)
    services.link_to_existing(person=existing, by=actors["peksos"], entered_name="Ahmad  Sutrisna",
                              candidates=[{"id": existing.pk, "score": 0.9}])
    assert list(existing.aliases.values_list("name", flat=True)) == ["Ahmad Sutrisna"]
    assert DuplicateDecision.objects.get(person=existing).decision == "linked"


def test_same_nik_is_found_as_duplicate_and_cannot_be_registered_twice(actors):
    nik = nik_for(date(1985, 3, 2))
    make_person(actors["peksos"], "Budi Santoso", nik=nik)
    with pytest.raises(services.PossibleDuplicates) as caught:
        services.register_person(by=actors["peksos"], data={"full_name": "Joko", "sex": "L"}, nik=nik)
    assert caught.value.report.matches[0][1] == 1.0
    with pytest.raises(ValidationError) as error:
        services.register_person(by=actors["peksos"], data={"full_name": "Joko", "sex": "L"}, nik=nik,
                                 confirm_new=True)
    assert "nik" in error.value.error_dict


def test_invalid_nik_is_rejected_and_nothing_saved(actors):
    before = Person.objects.count()
    with pytest.raises(ValidationError) as error:
        services.register_person(by=actors["peksos"], data={"full_name": "Joko"}, nik="12345",
                                 confirm_new=True)
    assert "nik" in error.value.error_dict
    assert Person.objects.count() == before


def test_nik_warnings_need_confirmation(actors):
    with pytest.raises(services.NumberWarnings) as caught:
        services.register_person(by=actors["peksos"], data={"full_name": "Wawan", "sex": "L"},
                                 nik="9973010107900002", confirm_new=True)
    assert caught.value.field == "nik"
    person = services.register_person(by=actors["peksos"], data={"full_name": "Wawan", "sex": "L"},
                                      nik="9973010107900002", confirm_new=True, confirm_warnings=True)
    assert person.nik_masked == "9973********0002"


def test_estimated_age_gives_an_approximate_birth_year(actors):
    person = make_person(actors["penjangkauan"], "Mbah Karto", birth_year=None, estimated_age=70,
                         age_estimated_on=date(2026, 11, 1))
    assert person.birth_year == 1956 and person.birth_date_quality == "approximate"


@pytest.mark.parametrize("data,field", [
    ({"full_name": "  "}, "full_name"),
    ({"full_name": "Ani", "birth_date": date(2099, 1, 1)}, "birth_date"),
    ({"full_name": "Ani", "birth_year": 1800}, "birth_year"),
    ({"full_name": "Ani", "birth_date": date(2000, 1, 1), "date_of_death": date(1999, 1, 1)}, "date_of_death"),
])
def test_bad_input_names_the_field(actors, data, field):
    with pytest.raises(ValidationError) as error:
        services.register_person(by=actors["peksos"], data=data, confirm_new=True)
    assert field in error.value.error_dict


def test_no_fixed_abode_clears_the_domicile(actors):
    person = make_person(actors["peksos"], "Slamet", no_fixed_abode=True, domicile_kelurahan_id="35.73.03.1012",
                         domicile_rt="02")
    assert person.domicile_kelurahan is None and person.domicile_rt == ""
