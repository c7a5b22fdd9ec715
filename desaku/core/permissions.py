"""Role checks for views and API views. Row-level visibility lives in scoping.py."""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

from desaku.core.models.accounts import Role

# Roles that read everything but change nothing.
READ_ONLY_ROLES = {Role.KEPALA_DINAS, Role.AUDITOR, Role.PENINJAU_KEMENSOS}
AUDIT_READERS = (Role.AUDITOR, Role.ADMINISTRATOR)
STAFF_ROLES = tuple(Role.values)


def require_role(user, *roles):
    if not (user.is_authenticated and user.has_role(*roles)):
        raise PermissionDenied


class RoleRequiredMixin(AccessMixin):
    """Anonymous users go to the login page; signed-in users without one of ``roles`` get 403."""

    roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        require_role(request.user, *self.roles)
        return super().dispatch(request, *args, **kwargs)


class HasRole(BasePermission):
    """DRF permission: ``permission_classes = [HasRole.of(Role.AUDITOR, ...)]``."""

    roles: tuple[str, ...] = ()

    @classmethod
    def of(cls, *roles):
        return type(f"HasRole_{'_'.join(r.replace(' ', '') for r in roles)}", (cls,), {"roles": roles})

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.has_role(*self.roles))
