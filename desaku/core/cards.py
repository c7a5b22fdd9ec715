from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from desaku.core import dashboard, selectors
from desaku.core.models import Region, RegionLevel


@dashboard.register
def core_cards(user):
    cards = [
        dashboard.Card(_("Partner organisations"), selectors.active_organisations().count(), "building",
                       hint=_("active in Desaku")),
        dashboard.Card(_("Institution directory"), selectors.active_institutions().count(), "map-pin",
                       hint=_("UPTs, hospitals, courts, LKS…")),
        dashboard.Card(_("Kelurahan in Kota Malang"),
                       Region.objects.filter(level=RegionLevel.KELURAHAN_DESA, code__startswith="35.73.").count(),
                       "map-pin", hint=_("5 kecamatan")),
    ]
    if selectors.can_read_audit(user):
        start, end = selectors.today_range()
        cards.append(dashboard.Card(
            _("Changes today"), selectors.audit_entries_for(user, date_from=start.date()).count(), "shield-lock",
            url=reverse("audit_list"), color="orange"))
        cards.append(dashboard.Card(
            _("Record views today"), selectors.access_log_for(user, date_from=start.date()).count(), "lock",
            url=reverse("access_log_list"), color="orange"))
    if user.has_role("Administrator"):
        cards.append(dashboard.Card(_("Active users"), selectors.users_visible_to(user).filter(is_active=True).count(),
                                    "users", url=reverse("admin:core_user_changelist"), color="green"))
    return cards


@dashboard.register
def task_cards(user):
    from desaku.core import tasklist

    open_tasks = tasklist.my_open_tasks(user).count()
    overdue = tasklist.overdue_count(user)
    cards = [dashboard.Card(_("My open tasks"), open_tasks, "checkbox", url=reverse("task_list"))]
    if overdue:
        cards.append(dashboard.Card(_("My overdue tasks"), overdue, "alarm", url=reverse("task_list") + "?show=overdue",
                                    color="red"))
    return cards
