from django.urls import path

from desaku.outreach import exports, stay_views, views

app_name = "outreach"

urlpatterns = [
    path("", views.board, name="board"),
    path("operations/", views.operation_list, name="operation_list"),
    path("operations/new/", views.operation_create, name="operation_create"),
    path("operations/export/", exports.export_operations, name="export_operations"),
    path("operations/<int:pk>/", views.operation_detail, name="operation_detail"),
    path("operations/<int:pk>/capture/", views.encounter_capture, name="encounter_capture"),
    path("persons/search/", views.person_search, name="person_search"),
    path("encounters/", views.encounter_list, name="encounter_list"),
    path("encounters/export/", exports.export_encounters, name="export_encounters"),
    path("encounters/<int:pk>/", views.encounter_detail, name="encounter_detail"),
    path("stays/", stay_views.stay_list, name="stay_list"),
    path("stays/admit/", stay_views.admit, name="admit"),
    path("stays/export/", exports.export_stays, name="export_stays"),
    path("stays/<int:pk>/", stay_views.stay_detail, name="stay_detail"),
    path("stays/<int:pk>/extend/", stay_views.stay_extend, name="stay_extend"),
    path("stays/<int:pk>/transfer/", stay_views.stay_transfer, name="stay_transfer"),
    path("stays/<int:pk>/assessment/", stay_views.assessment_create, name="assessment_create"),
    path("stays/<int:pk>/disposition/", stay_views.disposition_propose, name="disposition_propose"),
    path("assessments/<int:pk>/", stay_views.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/opinions/", stay_views.opinion_add, name="opinion_add"),
    path("dispositions/", stay_views.disposition_list, name="disposition_list"),
    path("dispositions/pending/", stay_views.pending_dispositions, name="pending_dispositions"),
    path("dispositions/pending/export/", exports.export_pending_dispositions, name="export_pending_dispositions"),
    path("dispositions/export/", exports.export_dispositions, name="export_dispositions"),
    path("activities/export/", exports.export_activities, name="export_activities"),
    path("dispositions/<int:pk>/approve/", stay_views.disposition_approve, name="disposition_approve"),
    path("dispositions/<int:pk>/send-back/", stay_views.disposition_send_back, name="disposition_send_back"),
    path("dispositions/<int:pk>/letter/", stay_views.disposition_letter, name="disposition_letter"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/photos/<int:photo_pk>/", views.activity_photo, name="activity_photo"),
]
