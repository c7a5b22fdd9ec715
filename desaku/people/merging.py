"""Which records point at a person, so a merge can move them and an unmerge can move them back.

Every app registers its person foreign keys in AppConfig.ready()::

    merging.register(Case, "person")
    merging.register_m2m(Activity, "participants")

``people`` never imports the program apps; they join in by registering.
"""

from django.apps import apps

_REFERENCES: list[tuple[str, str]] = []
_M2M_REFERENCES: list[tuple[str, str]] = []


def register(model, field_name: str = "person") -> None:
    entry = (model._meta.label, field_name)
    if entry not in _REFERENCES:
        _REFERENCES.append(entry)


def references():
    return [(apps.get_model(label), field) for label, field in _REFERENCES]


def register_m2m(model, field_name: str) -> None:
    """A many-to-many field to persons (participants of an activity, …)."""
    entry = (model._meta.label, field_name)
    if entry not in _M2M_REFERENCES:
        _M2M_REFERENCES.append(entry)


def m2m_references():
    return [(apps.get_model(label), field) for label, field in _M2M_REFERENCES]
