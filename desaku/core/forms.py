from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from desaku.core.models.audit import AccessAction


class LoginForm(AuthenticationForm):
    username = forms.CharField(label=_("Username"), widget=forms.TextInput(attrs={
        "autofocus": True, "autocomplete": "username", "autocapitalize": "none"}))
    password = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={
        "autocomplete": "current-password"}))


class AuditFilterForm(forms.Form):
    user_query = forms.CharField(label=_("User"), required=False)
    model_label = forms.ChoiceField(label=_("Record type"), required=False)
    object_id = forms.CharField(label=_("Record id"), required=False)
    action = forms.CharField(label=_("Action"), required=False)
    text = forms.CharField(label=_("Record"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, model_labels=(), actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model_label"].choices = [("", _("All"))] + [(m, m) for m in model_labels]
        if actions:
            self.fields["action"] = forms.ChoiceField(label=_("Action"), required=False,
                                                      choices=[("", _("All")), *actions])

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


AUDIT_ACTIONS = [("create", _("Created")), ("update", _("Changed")), ("delete", _("Deleted")),
                 ("bulk_create", _("Bulk created")), ("bulk_update", _("Bulk changed")),
                 ("bulk_delete", _("Bulk deleted"))]
ACCESS_ACTIONS = list(AccessAction.choices)
