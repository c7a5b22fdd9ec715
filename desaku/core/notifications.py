"""In-app notifications, e-mailed as well when the user has an address and e-mail is configured."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from desaku.core.models import Notification

log = logging.getLogger(__name__)


def notify(*, user, key: str, title: str, body: str = "", url: str = "") -> Notification | None:
    """Create the notice unless this user already has one with this key. Returns the new notice or None."""
    if user is None or not user.is_active:
        return None
    try:
        with transaction.atomic():
            notice = Notification.objects.create(user=user, key=key[:120], title=title[:200], body=body, url=url)
    except IntegrityError:
        return None
    if user.email and getattr(settings, "DESAKU_EMAIL_NOTIFICATIONS", False):
        try:
            send_mail(title, f"{body}\n\n{url}".strip(), None, [user.email])
        except OSError:  # the notice is in the app; a mail server outage must not break the job
            log.warning("could not e-mail notification %s to %s", notice.pk, user.username)
    return notice


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count() if user.is_authenticated else 0
