from django.conf import settings

from desaku.core import navigation


def desaku(request):
    user = getattr(request, "user", None)
    menu = navigation.menu_for(user) if user is not None and user.is_authenticated else []
    from desaku.core.notifications import unread_count

    unread = unread_count(user) if user is not None and user.is_authenticated else 0
    return {"DESAKU_ORGANISATION_NAME": settings.DESAKU_ORGANISATION_NAME, "main_menu": menu,
            "unread_notifications": unread}
