"""Who may do what with ABH cases. Children are protected: partners (LKS), mentors, Kemensos reviewers,
operators and outreach officers never reach an ABH record (404); the child's identity is shown only to the
assigned workers, their supervisors and administrators, everyone else who can read sees initials."""

from desaku.core.models import Role

WRITERS = (Role.ADMINISTRATOR, Role.KEPALA_BIDANG, Role.PEKSOS)
READERS = WRITERS + (Role.KEPALA_DINAS, Role.AUDITOR)


def can_read(user) -> bool:
    return user.is_authenticated and user.has_role(*READERS)


def can_write(user) -> bool:
    return user.is_authenticated and user.has_role(*WRITERS)


def is_assigned(user, abh) -> bool:
    case = abh.case
    return user.pk in (abh.peksos_id, case.worker_id) or case.secondary_workers.filter(pk=user.pk).exists()


def can_see_identity(user, abh) -> bool:
    """Assigned workers, the Kepala Bidang of the case's organisation, the Kepala Dinas and administrators."""
    if not can_read(user):
        return False
    if user.has_role(Role.ADMINISTRATOR, Role.KEPALA_DINAS):
        return True
    if user.has_role(Role.KEPALA_BIDANG) and user.organisation_id == abh.case.organisation_id:
        return True
    return is_assigned(user, abh)


def can_edit(user, abh) -> bool:
    if not can_write(user):
        return False
    if user.has_role(Role.ADMINISTRATOR):
        return True
    if user.has_role(Role.KEPALA_BIDANG) and user.organisation_id == abh.case.organisation_id:
        return True
    return is_assigned(user, abh)


def initials(name: str) -> str:
    """'Ahmad Santoso' → 'A. S.'"""
    return " ".join(f"{part[0].upper()}." for part in (name or "").split() if part[0].isalpha()) or "—"
