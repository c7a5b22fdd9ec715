"""Who may use the aid app. Row-level scope comes from the selectors; these are role checks."""

from desaku.core.models import Role

# Propose enrolments and request recommendation letters (an LKS for the persons in its scope).
PROPOSERS = (Role.ADMINISTRATOR, Role.KEPALA_BIDANG, Role.PEKSOS, Role.OPERATOR, Role.MITRA_LKS)
# Verify enrolments and check requests; run cycles and record payments and stock.
VERIFIERS = (Role.ADMINISTRATOR, Role.KEPALA_BIDANG, Role.OPERATOR, Role.PEKSOS)
MANAGERS = (Role.ADMINISTRATOR, Role.KEPALA_BIDANG, Role.OPERATOR)
# Approve enrolments, cycles and letters.
APPROVERS = (Role.ADMINISTRATOR, Role.KEPALA_BIDANG)
READERS = PROPOSERS + (Role.KEPALA_DINAS, Role.AUDITOR)


def can_read(user) -> bool:
    return user.is_authenticated and user.has_role(*READERS)


def can_propose(user) -> bool:
    return user.is_authenticated and user.has_role(*PROPOSERS)


def can_verify(user) -> bool:
    return user.is_authenticated and user.has_role(*VERIFIERS)


def can_manage(user) -> bool:
    return user.is_authenticated and user.has_role(*MANAGERS)


def can_approve(user) -> bool:
    return user.is_authenticated and user.has_role(*APPROVERS)
