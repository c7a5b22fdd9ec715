"""Who may use the outreach track. Row-level scope comes from the selectors; these are role checks."""

from desaku.core.models import Role
from desaku.outreach.services import APPROVERS

# Roles that record operations, encounters, stays, assessments and dispositions (an LKS for its own).
WRITERS = (Role.ADMINISTRATOR, Role.KEPALA_BIDANG, Role.PEKSOS, Role.PETUGAS_PENJANGKAUAN, Role.OPERATOR,
           Role.MITRA_LKS)
# Roles that read the track; the Kemensos reviewer and mentors have no business here.
READERS = WRITERS + (Role.KEPALA_DINAS, Role.AUDITOR)


def can_read(user) -> bool:
    return user.is_authenticated and user.has_role(*READERS)


def can_write(user) -> bool:
    return user.is_authenticated and user.has_role(*WRITERS)


def can_approve(user) -> bool:
    """Extensions, admission over capacity and dispositions (the services check it again)."""
    return user.is_authenticated and user.has_role(*APPROVERS)
