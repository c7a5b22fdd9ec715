"""Which records point at a person, so a merge can move them and an unmerge can move them back.

Every app registers its person foreign keys in AppConfig.ready()::

    merging.register(Case, "person")

``people`` never imports the program apps; they join in by registering.
"""

from django.apps import apps

_REFERENCES: list[tuple[str, str]] = []


def register(model, field_name: str = "person") -> None:
    entry = (model._meta.label, field_name)
    if entry not in _REFERENCES:
        _REFERENCES.append(entry)


def references():
    return [(apps.get_model(label), field) for label, field in _REFERENCES]
