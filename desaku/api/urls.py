from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from desaku.api import people_views, views
from desaku.outreach import api as outreach_api

router = DefaultRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("ppks-categories", views.PPKSCategoryViewSet, basename="ppks-category")
router.register("psks-categories", views.PSKSCategoryViewSet, basename="psks-category")
router.register("institutions", views.InstitutionViewSet, basename="institution")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("funding-sources", views.FundingSourceViewSet, basename="funding-source")
router.register("persons", people_views.PersonViewSet, basename="person")
router.register("households", people_views.HouseholdViewSet, basename="household")
router.register("outreach-operations", outreach_api.OperationViewSet, basename="outreach-operation")
router.register("encounters", outreach_api.EncounterViewSet, basename="encounter")
router.register("stays", outreach_api.StayViewSet, basename="stay")
router.register("dispositions", outreach_api.DispositionViewSet, basename="disposition")
router.register("shelters", outreach_api.ShelterViewSet, basename="shelter")
router.register("preventive-activities", outreach_api.PreventiveActivityViewSet, basename="preventive-activity")

urlpatterns = [
    path("me/", views.MeView.as_view(), name="api-me"),
    path("audit-entries/", views.AuditEntryList.as_view(), name="api-audit-entries"),
    path("access-log/", views.AccessLogList.as_view(), name="api-access-log"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("household-memberships/<int:pk>/end/", people_views.MembershipEndView.as_view(),
         name="household-membership-end"),
    path("classifications/<int:pk>/end/", people_views.ClassificationEndView.as_view(), name="classification-end"),
    path("", include(router.urls)),
]
