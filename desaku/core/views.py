from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from desaku.core import dashboard, selectors
from desaku.core.forms import ACCESS_ACTIONS, AUDIT_ACTIONS, AuditFilterForm, LoginForm
from desaku.core.permissions import AUDIT_READERS, require_role


@require_GET
@login_required
def home(request):
    return render(request, "core/home.html", {"cards": dashboard.cards_for(request.user)})


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response


def _audit_list(request, *, selector, actions, title, template="core/audit_list.html", kind="audit"):
    require_role(request.user, *AUDIT_READERS)
    form = AuditFilterForm(request.GET or None, model_labels=selectors.audited_model_labels(), actions=actions)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    entries = selector(request.user, **{k: v for k, v in filters.items() if v})
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, template, {"form": form, "page": page, "title": title, "kind": kind,
                                      "query": query.urlencode()})


@require_GET
@login_required
def audit_list(request):
    return _audit_list(request, selector=selectors.audit_entries_for, actions=AUDIT_ACTIONS,
                       title=_("Change history"))


@require_GET
@login_required
def access_log_list(request):
    return _audit_list(request, selector=selectors.access_log_for, actions=ACCESS_ACTIONS,
                       title=_("Access log"), kind="access")


@require_GET
@login_required
def audit_detail(request, pk):
    require_role(request.user, *AUDIT_READERS)
    entry = get_object_or_404(selectors.audit_entries_for(request.user), pk=pk)
    return render(request, "core/audit_detail.html", {"entry": entry})


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        return JsonResponse({"detail": str(_("Internal server error."))}, status=500)
    return render(request, "500.html", status=500)


@require_GET
def letter_verify(request, token):
    """Public: confirms a letter's number, date and type for whoever scans its QR code. No personal data."""
    from django.conf import settings

    from desaku.core.models import Letter

    letter = Letter.objects.select_related("letter_type").filter(verification_token=token).first()
    response = render(request, "core/letter_verify.html", {"letter": letter,
                                                            "issuer": settings.DESAKU_ORGANISATION_NAME},
                      status=200 if letter else 404)
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def notification_list(request):
    from django.shortcuts import redirect
    from django.utils import timezone

    from desaku.core.models import Notification

    notices = Notification.objects.filter(user=request.user)
    if request.method == "POST":
        target = notices.filter(read_at__isnull=True)
        if request.POST.get("id"):
            target = target.filter(pk=request.POST["id"])
        for notice in target:  # not audited: a user's own read marks
            notice.read_at = timezone.now()
            notice.save(update_fields=["read_at"])
        return redirect("notification_list")
    page = Paginator(notices, 30).get_page(request.GET.get("page"))
    return render(request, "core/notification_list.html", {"page": page})
