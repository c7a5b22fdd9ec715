"""Diversion's part of the person page: the child's ABH cases, only for those who may see the identity (the
person page shows the name, so initials would protect nothing there)."""

from django.utils.translation import gettext as _

from desaku.diversion import selectors
from desaku.diversion.permissions import can_read, can_see_identity
from desaku.people import timeline


def abh_section(person, user):
    if not can_read(user):
        return None
    cases = [abh for abh in selectors.abh_visible_to(user).filter(case__person=person)[:20]
             if can_see_identity(user, abh)]
    if not cases:
        return None
    return timeline.Section(key="diversion", title=_("Diversion (ABH)"), template="diversion/sections/abh.html",
                            order=125, context={"cases": cases})


timeline.register_section(abh_section, order=125)
