"""Who may do what in case management. Row-level scope comes from the selectors; these are role checks
and the checks on one case (a read-only share never allows a change)."""

from desaku.core.models import Role

# Roles that run cases (an LKS for its own and those transferred to it).
WRITERS = (Role.ADMINISTRATOR, Role.KEPALA_BIDANG, Role.PEKSOS, Role.OPERATOR, Role.MITRA_LKS)
READERS = WRITERS + (Role.KEPALA_DINAS, Role.AUDITOR)
# Supervisors read confidential notes, reopen closed cases and see the team caseload.
SUPERVISORS = (Role.ADMINISTRATOR, Role.KEPALA_DINAS, Role.KEPALA_BIDANG)
# Reopening is a change: the Kepala Dinas is a read-only role (core.permissions.READ_ONLY_ROLES).
REOPENERS = (Role.ADMINISTRATOR, Role.KEPALA_BIDANG)


def can_read(user) -> bool:
    return user.is_authenticated and user.has_role(*READERS)


def can_write(user) -> bool:
    return user.is_authenticated and user.has_role(*WRITERS)


def is_supervisor(user) -> bool:
    return user.is_authenticated and user.has_role(*SUPERVISORS)


def can_reopen(user) -> bool:
    return user.is_authenticated and user.has_role(*REOPENERS)


def is_case_worker(user, case) -> bool:
    return case.worker_id == user.pk or case.secondary_workers.filter(pk=user.pk).exists()


def can_edit_case(user, case) -> bool:
    """Workers on the case, writers of the holding organisation, administrators; never a share partner."""
    if not can_write(user):
        return False
    if user.has_role(Role.ADMINISTRATOR):
        return True
    if is_case_worker(user, case):
        return True
    return bool(user.organisation_id) and user.organisation_id == case.organisation_id


def can_read_confidential(user, case, note) -> bool:
    return note.author_id == user.pk or case.worker_id == user.pk or is_supervisor(user)
