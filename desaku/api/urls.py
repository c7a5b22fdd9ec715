from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from desaku.api import views

router = DefaultRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("ppks-categories", views.PPKSCategoryViewSet, basename="ppks-category")
router.register("psks-categories", views.PSKSCategoryViewSet, basename="psks-category")
router.register("institutions", views.InstitutionViewSet, basename="institution")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("funding-sources", views.FundingSourceViewSet, basename="funding-source")

urlpatterns = [
    path("me/", views.MeView.as_view(), name="api-me"),
    path("audit-entries/", views.AuditEntryList.as_view(), name="api-audit-entries"),
    path("access-log/", views.AccessLogList.as_view(), name="api-access-log"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include(router.urls)),
]
