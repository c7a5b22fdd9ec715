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


def can_edit_activity(user, activity) -> bool:
    """Who recorded it, the recording roles of its organisation and administrators (the scope check is the
    selector's: the activity must be visible to the user as well)."""
    if not can_write(user):
        return False
    if user.has_role(Role.ADMINISTRATOR) or activity.created_by_id == user.pk:
        return True
    return user.has_role(Role.KEPALA_BIDANG, Role.OPERATOR, Role.MITRA_LKS) and (
        activity.organisation_id == user.organisation_id)
