"""Who may use the training app. Row-level scope comes from the selectors; these are role checks."""

from desaku.core.models import Role

# Roles that run batches, enrol, take attendance and record outcomes (an LKS for its own batches).
WRITERS = (Role.ADMINISTRATOR, Role.KEPALA_BIDANG, Role.PEKSOS, Role.OPERATOR, Role.MITRA_LKS)
# Roles that read; the course catalogue is edited by the department only.
READERS = WRITERS + (Role.KEPALA_DINAS, Role.AUDITOR)
CATALOGUE_EDITORS = (Role.ADMINISTRATOR, Role.KEPALA_BIDANG, Role.OPERATOR)


def can_read(user) -> bool:
    return user.is_authenticated and user.has_role(*READERS)


def can_write(user) -> bool:
    return user.is_authenticated and user.has_role(*WRITERS)


def can_edit_catalogue(user) -> bool:
    return user.is_authenticated and user.has_role(*CATALOGUE_EDITORS)
