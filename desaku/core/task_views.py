"""My tasks: the open, overdue and done to-dos of the signed-in user; supervisors see their team's."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from desaku.core import tasklist
from desaku.core.models import User


class TaskForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Task"), max_length=200)
    due_on = forms.DateField(label=gettext_lazy("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    assigned_to = forms.ModelChoiceField(label=gettext_lazy("Assigned to"), queryset=User.objects.none())
    detail = forms.CharField(label=gettext_lazy("Detail"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        people = User.objects.filter(pk=user.pk)
        if user.has_role(*tasklist.SUPERVISORS) and user.organisation_id:
            people = User.objects.filter(is_active=True, organisation=user.organisation_id)
        self.fields["assigned_to"].queryset = people.order_by("first_name", "username")
        self.fields["assigned_to"].initial = user.pk
        self.fields["assigned_to"].label_from_instance = lambda u: u.get_full_name() or u.username


SHOWS = {"open", "overdue", "done", "team"}


@login_required
def task_list(request):
    user, today = request.user, timezone.localdate()
    show = request.GET.get("show", "open")
    show = show if show in SHOWS else "open"
    form = TaskForm(request.POST or None, user=user)
    if request.method == "POST":
        if form.is_valid():
            try:
                tasklist.create_task(by=user, **form.cleaned_data)
            except ValidationError as error:
                for field, errs in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                messages.success(request, _("Task added."))
                return redirect("task_list")
    tasks = tasklist.tasks_shown(user, show, today)
    page = Paginator(tasks, 50).get_page(request.GET.get("page"))
    return render(request, "core/task_list.html", {
        "page": page, "show": show, "today": today, "form": form,
        "is_supervisor": user.has_role(*tasklist.SUPERVISORS),
    })


def _change(request, pk, action):
    task = get_object_or_404(tasklist.tasks_visible_to(request.user), pk=pk)
    try:
        action(task=task, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    nxt = request.POST.get("next", "")
    return redirect(nxt if nxt.startswith("/") and not nxt.startswith("//") else "task_list")


@login_required
@require_POST
def task_complete(request, pk):
    return _change(request, pk, tasklist.complete_task)


@login_required
@require_POST
def task_reopen(request, pk):
    return _change(request, pk, tasklist.reopen_task)
