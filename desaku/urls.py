from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Desaku administration")
admin.site.site_title = "Desaku"
admin.site.index_title = _("Reference data and accounts")

urlpatterns = [
    path("", include("desaku.core.urls")),
    path("people/", include("desaku.people.urls")),
    path("outreach/", include("desaku.outreach.urls")),
    path("cases/", include("desaku.cases.urls")),
    path("village/", include("desaku.village.urls")),
    path("training/", include("desaku.training.urls")),
    path("aid/", include("desaku.aid.urls")),
    path("diversion/", include("desaku.diversion.urls")),
    path("community/", include("desaku.community.urls")),
    path("reports/", include("desaku.reports.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("desaku.api.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "desaku.core.views.error_403"
handler404 = "desaku.core.views.error_404"
handler500 = "desaku.core.views.error_500"
