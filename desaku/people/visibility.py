"""Who besides the owner and the registering organisation may see a person.

Consent: a person is visible to an organisation named in a valid, unwithdrawn consent that also covers data
processing. Other apps
add their own grounds (a case assigned to an LKS, a mentor's household…) with ``register``:
``provider(user) -> Q`` over Person.
"""

from collections.abc import Callable

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

_PROVIDERS: list[Callable] = []


def register(provider: Callable) -> Callable:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def consent_share_q(user) -> Q:
    from desaku.people.models import Consent

    if not user.organisation_id:
        return Q(pk__in=[])
    today = timezone.localdate()
    shared = Consent.objects.filter(
        person=OuterRef("pk"), shared_with=user.organisation_id, withdrawn_on__isnull=True, processing=True,
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    return Q(Exists(shared))


def processing_consent_q() -> Q:
    """Persons with a valid, unwithdrawn consent to data processing today (a Q over Person): the ground on
    which a program's partner organisation may see the record of a person it serves."""
    from desaku.people.models import Consent

    today = timezone.localdate()
    valid = Consent.objects.filter(
        person=OuterRef("pk"), processing=True, withdrawn_on__isnull=True,
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    return Q(Exists(valid))


def extra_person_q(user) -> Q:
    q = consent_share_q(user)
    for provider in _PROVIDERS:
        q |= provider(user)
    return q
