from desaku.core.models import Role

# Roles that need the sensitive PPKS categories (ODHA, minority, sex work, ABH) and health details.
SENSITIVE_READERS = (Role.ADMINISTRATOR, Role.KEPALA_DINAS, Role.KEPALA_BIDANG, Role.PEKSOS)
# Roles that register and edit persons.
REGISTRARS = (Role.ADMINISTRATOR, Role.KEPALA_BIDANG, Role.PEKSOS, Role.PETUGAS_PENJANGKAUAN, Role.OPERATOR,
              Role.MITRA_LKS)
# Roles that merge and unmerge person records (supervisors).
MERGERS = (Role.ADMINISTRATOR, Role.KEPALA_BIDANG)
# Roles that read the registry at all.
READERS = REGISTRARS + (Role.KEPALA_DINAS, Role.PENDAMPING, Role.AUDITOR)


def can_see_sensitive(user) -> bool:
    return user.is_authenticated and user.has_role(*SENSITIVE_READERS)


def can_register(user) -> bool:
    return user.is_authenticated and user.has_role(*REGISTRARS)


def can_merge(user) -> bool:
    return user.is_authenticated and user.has_role(*MERGERS)


def can_read(user) -> bool:
    return user.is_authenticated and user.has_role(*READERS)
