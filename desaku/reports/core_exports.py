"""Excel exports of the core list pages (my tasks, the change history, the access log, my notifications),
declared on the shared list-export mechanism (desaku.reports.listexport: the file at once when small, a
background job with progress when large).

They live here rather than in ``core`` because core imports no app (docs/ARCHITECTURE: core ← people ← the
program apps ← reports). Each uses the page's own selector and filter form, so an export holds exactly the
rows of the page. A history or access-log entry about a person whose identity the user may not see (a
protected child, desaku.people.identity) shows the person's initials instead of the recorded name.
"""

from django.utils.translation import gettext as _

from desaku.core import selectors as core_selectors
from desaku.core import tasklist
from desaku.core.forms import ACCESS_ACTIONS, AUDIT_ACTIONS, AuditFilterForm
from desaku.core.models import Notification
from desaku.reports import listexport
from desaku.reports.listexport import ListExport, Table

PERSON_LABEL = "people.Person"


def _name(user):
    return (user.get_full_name() or user.username) if user else ""


def tasks_table(user, params):
    """The task list's tab (?show=open|overdue|done|team), within the tasks the user may see, as on the page."""
    show = params.get("show", "open")
    show = show if show in tasklist.TASK_VIEWS else "open"

    def row(t):
        return [t.pk, t.title, t.detail, t.due_on, t.get_status_display(), _name(t.assigned_to),
                str(t.organisation or ""), t.created_at, t.completed_at, t.url]

    return Table(title=_("My tasks"), name=f"tasks-{show}", items=tasklist.tasks_shown(user, show), row=row,
                 log={"model_label": "core.Task", "detail": f"show={show}"},
                 headers=[_("Id"), _("Task"), _("Detail"), _("Due date"), _("Status"), _("Assigned to"),
                          _("Organisation"), _("Created at"), _("Completed at"), _("Link")])


class _ReprMasker:
    """The recorded name of an entry about a protected person, as initials (looked up once per person)."""

    def __init__(self, user):
        self.user = user
        self.hidden: dict[str, bool] = {}

    def __call__(self, entry) -> str:
        if entry.model_label != PERSON_LABEL or not entry.object_id.isdigit():
            return entry.object_repr
        if entry.object_id not in self.hidden:
            from desaku.people import identity

            self.hidden[entry.object_id] = bool(identity.hidden_ids(self.user, [int(entry.object_id)]))
        if self.hidden[entry.object_id]:
            from desaku.people import identity

            return identity.initials(entry.object_repr)
        return entry.object_repr


def _log_table(user, params, *, selector, actions, title, name, model_label, extra_headers, extra):
    form = AuditFilterForm(params or None, model_labels=core_selectors.audited_model_labels(), actions=actions)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    entries = selector(user, **{k: v for k, v in filters.items() if v})
    shown = _ReprMasker(user)

    def row(e):
        return [e.pk, e.created_at, e.actor_username, e.action, e.model_label, e.object_id, shown(e), *extra(e)]

    return Table(title=title, name=name, items=entries, row=row,
                 log={"model_label": model_label, "detail": listexport.describe(form)},
                 headers=[_("Id"), _("Time"), _("User"), _("Action"), _("Record type"), _("Record id"), _("Record"),
                          *extra_headers])


def audit_table(user, params):
    """The change history with its filters (user, record type and id, action, record, dates)."""
    return _log_table(user, params, selector=core_selectors.audit_entries_for, actions=AUDIT_ACTIONS,
                      title=_("Change history"), name="change-history", model_label="core.AuditEntry",
                      extra_headers=[_("Reason"), _("Changed fields")],
                      extra=lambda e: [e.reason, ", ".join(sorted(e.changes)) if isinstance(e.changes, dict) else ""])


def access_log_table(user, params):
    """The access log with its filters (user, record type and id, action, record, dates)."""
    return _log_table(user, params, selector=core_selectors.access_log_for, actions=ACCESS_ACTIONS,
                      title=_("Access log"), name="access-log", model_label="core.AccessLogEntry",
                      extra_headers=[_("Detail"), _("IP address")], extra=lambda e: [e.detail, e.ip_address])


def notifications_table(user, params):
    """The user's own notifications, newest first as on the page."""
    def row(n):
        return [n.created_at, n.title, n.body, n.url, n.read_at]

    return Table(title=_("Notifications"), name="notifications", items=Notification.objects.filter(user=user),
                 row=row, log={"model_label": "core.Notification", "detail": _("own notifications")},
                 headers=[_("Time"), _("Title"), _("Message"), _("Link"), _("Read at")])


def _authenticated(user) -> bool:
    return user.is_authenticated and user.is_active


def _declare(kind, build, allowed):
    listexport.register(ListExport(kind=kind, build=build, allowed=allowed))
    return listexport.view(kind)


export_tasks = _declare("core.tasks", tasks_table, _authenticated)
export_audit = _declare("core.audit", audit_table, core_selectors.can_read_audit)
export_access_log = _declare("core.access-log", access_log_table, core_selectors.can_read_audit)
export_notifications = _declare("core.notifications", notifications_table, _authenticated)
