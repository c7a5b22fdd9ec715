"""Every reference to a person, in every installed app, is known to the merge (people/merging.py): moved by
a merge (``register`` / ``register_m2m``) or deliberately left (``register_exempt``). A new app that forgets
to register its person foreign key fails here, instead of keeping records on a merged-away person."""

from django.apps import apps
from simple_history.models import HistoricalChanges

from desaku.people import merging
from desaku.people.models import Person


def person_references():
    """(model label, field name, many-to-many?) of every FK / one-to-one / M2M to Person, audit history aside."""
    found = []
    for model in apps.get_models():
        if issubclass(model, HistoricalChanges):
            continue  # simple_history's copies: history records keep what was, they are never moved
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and not field.auto_created and field.related_model is Person:
                found.append((model._meta.label, field.name, field.many_to_many))
    return found


def test_every_person_reference_is_registered_with_the_merge():
    moved = {(m._meta.label, f) for m, f in merging.references()}
    moved_m2m = {(m._meta.label, f) for m, f in merging.m2m_references()}
    exempt = set(merging.exempt())
    missing = [(label, name) for label, name, many in person_references()
               if (label, name) not in (moved_m2m if many else moved) | exempt]
    assert not missing, (f"Register these person references with desaku.people.merging in the app's "
                         f"registrations (register / register_m2m, or register_exempt with the reason): {missing}")


def test_the_check_sees_the_program_apps():
    # The check is only worth something if it finds the references of the apps that join in by registering.
    labels = {label for label, _name, _many in person_references()}
    assert {"cases.Case", "training.Enrolment", "aid.Enrolment", "people.Alias"} <= labels


def test_registrations_name_real_person_fields():
    for model, name in [*merging.references(), *merging.m2m_references()]:
        assert model._meta.get_field(name).related_model is Person, (model, name)
