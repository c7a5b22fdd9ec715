from django.urls import path

from desaku.diversion import views

app_name = "diversion"

urlpatterns = [
    path("", views.abh_list, name="abh_list"),
    path("deadlines/", views.deadline_board, name="deadline_board"),
    path("export/", views.export_abh, name="export"),
    path("new/", views.abh_create, name="abh_create"),
    path("<int:pk>/", views.abh_detail, name="abh_detail"),
    path("<int:pk>/edit/", views.abh_edit, name="abh_edit"),
    path("<int:pk>/special-route/", views.special_route, name="special_route"),
    path("<int:pk>/stages/", views.stage_start, name="stage_start"),
    path("<int:pk>/sessions/", views.session_add, name="session_add"),
    path("<int:pk>/reports/", views.report_add, name="report_add"),
    path("<int:pk>/documents/", views.document_add, name="document_add"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("deliberations/<int:pk>/edit/", views.deliberation_edit, name="deliberation_edit"),
    path("stages/<int:pk>/dates/", views.stage_dates, name="stage_dates"),
    path("stages/<int:pk>/outcome/", views.stage_outcome, name="stage_outcome"),
    path("stages/<int:pk>/deliberations/", views.deliberation_add, name="deliberation_add"),
    path("stages/<int:pk>/agreement/", views.agreement_add, name="agreement_add"),
    path("stages/<int:pk>/ruling/", views.ruling, name="ruling"),
    path("terms/<int:pk>/", views.term_follow_up, name="term_follow_up"),
    path("reports/<int:pk>/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
]
