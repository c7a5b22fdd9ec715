"""Who may use the reports. Figures themselves are scoped through the program apps' selectors."""

from desaku.core.models import Role

# The heads' dashboard, the monthly report and the dashboard export.
HEADS = (Role.ADMINISTRATOR, Role.KEPALA_DINAS, Role.KEPALA_BIDANG)
READERS = HEADS + (Role.AUDITOR,)
# Who may generate a monthly report on demand (the job makes it anyway on the 1st).
GENERATORS = HEADS


def can_read(user) -> bool:
    return user.is_authenticated and user.has_role(*READERS)


def can_generate(user) -> bool:
    return user.is_authenticated and user.has_role(*GENERATORS)
