"""The Excel export of the ABH list, declared on the shared list-export mechanism
(desaku.reports.listexport: the file at once when small, a background job with progress when large).
The list's scope and filters; initials for those who may not see the child's identity; logged."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from desaku.diversion import deadlines, selectors
from desaku.diversion.models import ChildRole
from desaku.diversion.permissions import can_read
from desaku.reports import listexport
from desaku.reports.listexport import ListExport, Table


def abh_table(user, params):
    from desaku.diversion.views import PHASES

    today = timezone.localdate()
    cases = selectors.abh_visible_to(user).prefetch_related("stages", "case__secondary_workers")
    shown = []
    if (role := params.get("role")) in ChildRole.values:
        cases = cases.filter(role=role)
        shown.append(f"role={role}")
    if params.get("active") == "1":
        cases = cases.filter(stopped_on__isnull=True, case__status__in=["open", "on_hold", "reopened"])
        shown.append("active=1")

    def row(abh):
        stages = sorted(abh.stages.all(), key=lambda s: (s.started_on, s.pk))
        last = stages[-1] if stages else None
        open_deadlines = [d for s in stages for d in deadlines.deadlines_for(s, today) if d.is_open]
        soonest = min(open_deadlines, key=lambda d: d.due_on) if open_deadlines else None
        return [abh.number, abh.case.number, selectors.display_name(user, abh), abh.get_role_display(),
                abh.age_at_offence, abh.offence_on, abh.offence, abh.max_sentence_months,
                _("yes") if abh.repeat_offence else _("no"), _("yes") if abh.diversion_mandatory else _("no"),
                str(PHASES[selectors.phase(abh)]), last.get_kind_display() if last else "",
                last.get_outcome_display() if last else "", soonest.rule.label if soonest else "",
                soonest.due_on if soonest else None, str(abh.police_unit or ""), abh.bapas_officer,
                abh.peksos.get_full_name() or abh.peksos.username]

    return Table(title=_("ABH cases"), name="abh", items=cases, row=row,
                 log={"model_label": "diversion.AbhCase", "detail": " ".join(["export", *shown])}, headers=[
                     _("ABH number"), _("Case number"), _("Child"), _("Role"), _("Age at the offence"),
                     _("Date of the offence"), _("Offence"), _("Maximum sentence (months)"), _("Repeat offence"),
                     _("Diversion mandatory"), _("Phase"), _("Stage"), _("Outcome"), _("Next deadline"), _("Due"),
                     _("Police unit"), _("Bapas officer"), _("Accompanying Peksos")])


# A 404, not a 403, for roles without ABH access: no hint that ABH records exist.
listexport.register(ListExport(kind="diversion.abh", build=abh_table, allowed=can_read, refusal=Http404))
