from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from desaku.aid import api as aid_api
from desaku.api import people_households_merges, people_records, people_views, views
from desaku.cases import api as cases_api
from desaku.community import api as community_api
from desaku.diversion import api as diversion_api
from desaku.outreach import api as outreach_api
from desaku.reports import api as reports_api
from desaku.training import api as training_api
from desaku.village import api as village_api

router = DefaultRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("ppks-categories", views.PPKSCategoryViewSet, basename="ppks-category")
router.register("psks-categories", views.PSKSCategoryViewSet, basename="psks-category")
router.register("institutions", views.InstitutionViewSet, basename="institution")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("funding-sources", views.FundingSourceViewSet, basename="funding-source")
router.register("persons", people_views.PersonViewSet, basename="person")
# The households endpoint with its corrections and KK history (a subclass of people_views.HouseholdViewSet).
router.register("households", people_households_merges.HouseholdRecordViewSet, basename="household")
router.register(r"persons/(?P<person_pk>[0-9]+)/aliases", people_records.AliasViewSet, basename="person-alias")
router.register(r"persons/(?P<person_pk>[0-9]+)/disabilities", people_records.DisabilityViewSet,
                basename="person-disability")
router.register(r"persons/(?P<person_pk>[0-9]+)/photos", people_records.PhotoViewSet, basename="person-photo")
router.register(r"persons/(?P<person_pk>[0-9]+)/consents", people_records.ConsentViewSet,
                basename="person-consent")
router.register("merges", people_households_merges.MergeViewSet, basename="merge")
router.register("outreach-operations", outreach_api.OperationViewSet, basename="outreach-operation")
router.register("encounters", outreach_api.EncounterViewSet, basename="encounter")
router.register("stays", outreach_api.StayViewSet, basename="stay")
router.register("dispositions", outreach_api.DispositionViewSet, basename="disposition")
router.register("shelters", outreach_api.ShelterViewSet, basename="shelter")
router.register("preventive-activities", outreach_api.PreventiveActivityViewSet, basename="preventive-activity")

# The program apps register their own routes, so they never edit this file at the same time.
PROGRAM_APIS = (cases_api, village_api, training_api, aid_api, diversion_api, community_api, reports_api)
for _module in PROGRAM_APIS:
    _module.register_routes(router)

urlpatterns = [
    path("me/", views.MeView.as_view(), name="api-me"),
    path("audit-entries/", views.AuditEntryList.as_view(), name="api-audit-entries"),
    path("access-log/", views.AccessLogList.as_view(), name="api-access-log"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("household-memberships/<int:pk>/end/", people_views.MembershipEndView.as_view(),
         name="household-membership-end"),
    path("classifications/<int:pk>/end/", people_views.ClassificationEndView.as_view(), name="classification-end"),
    *[p for module in PROGRAM_APIS for p in module.urlpatterns],
    path("", include(router.urls)),
]
