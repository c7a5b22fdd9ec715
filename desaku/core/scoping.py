"""The scope machinery: one place decides which records a user may see.

A model with people-related data declares who owns it and which organisation holds it::

    class Case(models.Model):
        SCOPE_OWNER_FIELDS = ("worker", "secondary_workers")
        SCOPE_ORG_FIELDS = ("organisation",)
        objects = ScopedManager()

        @classmethod
        def scope_extra_q(cls, user):          # optional: shares, assignments…
            return Q(shares__organisation=user.organisation_id, shares__active=True)

and every selector reads it through ``Model.objects.visible_to(user)`` (or ``apply_scope``).
Scope "own" sees records where the user is an owner; "organisation" adds the records of the
user's organisation; "all" sees everything. Administrators always see all. Inactive and
anonymous users see nothing.
"""

from django.db import models
from django.db.models import Q

from desaku.core.auditing import AuditedManager, AuditedQuerySet
from desaku.core.models.accounts import Role, Scope


def effective_scope(user) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser or user.has_role(Role.ADMINISTRATOR):
        return Scope.ALL
    return user.data_scope


def scope_q(model, user, *, owner_fields=None, org_fields=None) -> Q | None:
    """The filter for ``user`` on ``model``; None means no restriction."""
    scope = effective_scope(user)
    if scope == Scope.ALL:
        return None
    owner_fields = owner_fields if owner_fields is not None else getattr(model, "SCOPE_OWNER_FIELDS", ())
    org_fields = org_fields if org_fields is not None else getattr(model, "SCOPE_ORG_FIELDS", ())
    q = Q(pk__in=[])
    if scope is None:
        return q
    for field in owner_fields:
        q |= Q(**{field: user.pk})
    if scope == Scope.ORGANISATION and user.organisation_id:
        for field in org_fields:
            q |= Q(**{field: user.organisation_id})
    extra = getattr(model, "scope_extra_q", None)
    if extra is not None:
        q |= extra(user)
    return q


def apply_scope(queryset, user, *, owner_fields=None, org_fields=None, distinct: bool | None = None):
    q = scope_q(queryset.model, user, owner_fields=owner_fields, org_fields=org_fields)
    if q is None:
        return queryset
    if effective_scope(user) is None:
        return queryset.none()
    queryset = queryset.filter(q)
    needs_distinct = distinct if distinct is not None else getattr(queryset.model, "SCOPE_DISTINCT", False)
    return queryset.distinct() if needs_distinct else queryset


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user):
        return apply_scope(self, user)


class ScopedAuditedQuerySet(AuditedQuerySet):
    """For audited domain records: bulk writes guarded, reads through ``visible_to(user)``."""

    def visible_to(self, user):
        return apply_scope(self, user)


ScopedManager = AuditedManager.from_queryset(ScopedAuditedQuerySet)
