"""Who may use the village module. Row-level scope comes from the selectors; these are role checks."""

from desaku.core.models import Role

# The program office: allocates units, runs occupancy, records enterprises and sales.
MANAGERS = (Role.ADMINISTRATOR, Role.KEPALA_BIDANG, Role.PEKSOS, Role.OPERATOR)
# Who nominates a household (an LKS finds families too).
NOMINATORS = MANAGERS + (Role.MITRA_LKS,)
# The initial selection is the Peksos's (together with an LKS, named on the record).
INITIAL_SELECTORS = (Role.ADMINISTRATOR, Role.PEKSOS)
# The final selection is the Kemensos reviewer's.
FINAL_SELECTORS = (Role.ADMINISTRATOR, Role.PENINJAU_KEMENSOS)
# Mentoring sessions: the department, LKS and mentors (UIN students).
MENTORS = MANAGERS + (Role.MITRA_LKS, Role.PENDAMPING)
# The program record (sites, funding, stakeholders, stages, rounds, graduation settings): the Kepala Bidang and
# the Administrator, and a site's designated program officer for that site (Site.program_officer).
PROGRAM_EDITORS = (Role.ADMINISTRATOR, Role.KEPALA_BIDANG)
# Who reads the village pages (mentors only their households; the Kemensos reviewer only candidate files).
READERS = MANAGERS + (Role.KEPALA_DINAS, Role.MITRA_LKS, Role.PENDAMPING, Role.AUDITOR)
# Who reads the selection (the reviewer sees only the files sent to them, with minimal data).
SELECTION_READERS = NOMINATORS + (Role.KEPALA_DINAS, Role.AUDITOR, Role.PENINJAU_KEMENSOS)


def _has(user, roles) -> bool:
    return user.is_authenticated and user.has_role(*roles)


def can_read(user) -> bool:
    return _has(user, READERS)


def can_manage(user) -> bool:
    return _has(user, MANAGERS)


def can_edit_program(user, site=None) -> bool:
    """Edit a site's program record; without a site: create a new site (Kepala Bidang, Administrator)."""
    if _has(user, PROGRAM_EDITORS):
        return True
    if site is None:
        return False
    return _has(user, MANAGERS) and site.program_officer_id == user.pk


def can_read_selection(user) -> bool:
    return _has(user, SELECTION_READERS)


def can_nominate(user) -> bool:
    return _has(user, NOMINATORS)


def can_select_initial(user) -> bool:
    return _has(user, INITIAL_SELECTORS)


def can_select_final(user) -> bool:
    return _has(user, FINAL_SELECTORS)


def can_mentor(user) -> bool:
    return _has(user, MENTORS)


def is_reviewer_only(user) -> bool:
    """A Kemensos reviewer: minimal personal data, only the files sent to them."""
    return user.is_authenticated and user.has_role(Role.PENINJAU_KEMENSOS) and not user.has_role(
        Role.ADMINISTRATOR)


def is_mentor_only(user) -> bool:
    """A Pendamping (and nothing more): only the households assigned to them."""
    return user.is_authenticated and user.has_role(Role.PENDAMPING) and not user.has_role(*MANAGERS,
                                                                                           Role.MITRA_LKS)
