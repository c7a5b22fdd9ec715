"""Who may use community services. Row-level scope of activities comes from the selectors."""

from desaku.core.models import Role

# Record activities (an LKS for its own organisation).
WRITERS = (Role.ADMINISTRATOR, Role.KEPALA_BIDANG, Role.PEKSOS, Role.OPERATOR, Role.MITRA_LKS)
# Read the module; outreach officers, mentors and the Kemensos reviewer have no business here.
READERS = WRITERS + (Role.KEPALA_DINAS, Role.AUDITOR)
# Keep the PSKS directory and run the award rounds (the department's secretariat).
MANAGERS = (Role.ADMINISTRATOR, Role.KEPALA_BIDANG, Role.OPERATOR)
# Open scoring and finalise a round.
APPROVERS = (Role.ADMINISTRATOR, Role.KEPALA_BIDANG)


def can_read(user) -> bool:
    return user.is_authenticated and user.has_role(*READERS)


def can_write(user) -> bool:
    return user.is_authenticated and user.has_role(*WRITERS)


def can_manage(user) -> bool:
    return user.is_authenticated and user.has_role(*MANAGERS)


def can_approve(user) -> bool:
    return user.is_authenticated and user.has_role(*APPROVERS)
