"""Which records point at a person, so a merge can move them and an unmerge can move them back.

Every app registers its person foreign keys in AppConfig.ready()::

    merging.register(Case, "person")
    merging.register_m2m(Activity, "participants")

``people`` never imports the program apps; they join in by registering. A reference that must NOT move
(a log of the merge itself, derived data that is rebuilt) is declared with ``register_exempt`` and its
reason; ``tests/test_merge_registry.py`` fails for any person reference that is neither.
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


_EXEMPT: dict[tuple[str, str], str] = {}


def register_exempt(model, field_name: str, reason: str) -> None:
    """A person reference a merge deliberately leaves where it is (say why)."""
    _EXEMPT[(model._meta.label, field_name)] = reason


def exempt() -> dict[tuple[str, str], str]:
    return dict(_EXEMPT)
