"""Case types whose cases only some users may see in case management (children in conflict with the law).

An app that owns such a type registers ``provider(user) -> Q`` over Case: the cases of that type the user
may see. Every ``Case.objects.visible_to(user)`` then hides the other cases of the type — lists, pages,
exports, the API and the person page alike — so a child's identity never leaks through the generic screens.
"""

from collections.abc import Callable

from django.db.models import Q

_PROVIDERS: dict[str, Callable] = {}


def register(case_type: str, provider: Callable) -> None:
    _PROVIDERS[case_type] = provider


def restriction_q(user) -> Q | None:
    if not _PROVIDERS:
        return None
    q = ~Q(case_type__in=list(_PROVIDERS))
    for case_type, provider in _PROVIDERS.items():
        q |= Q(case_type=case_type) & provider(user)
    return q
