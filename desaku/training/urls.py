from django.urls import path

from desaku.training import exports, views

app_name = "training"

urlpatterns = [
    path("", views.batch_list, name="batch_list"),
    path("export/", exports.export_batches, name="export_batches"),
    path("courses/", views.course_list, name="course_list"),
    path("courses/export/", exports.export_courses, name="export_courses"),
    path("courses/new/", views.course_edit, name="course_create"),
    path("courses/<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("batches/new/", views.batch_create, name="batch_create"),
    path("batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("batches/<int:pk>/status/", views.batch_status, name="batch_status"),
    path("batches/<int:pk>/sessions/add/", views.session_add, name="session_add"),
    path("batches/<int:pk>/budget/", views.batch_budget, name="batch_budget"),
    path("batches/<int:pk>/enrol/", views.enrol, name="enrol"),
    path("batches/<int:pk>/sessions/<int:session_pk>/attendance/", views.attendance, name="attendance"),
    path("batches/<int:pk>/scores/", views.scores, name="scores"),
    path("batches/<int:pk>/report.pdf", views.batch_report, name="batch_report"),
    path("batches/<int:pk>/export/", exports.export_participants, name="export_participants"),
    path("enrolments/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("enrolments/<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    path("follow-ups/", views.follow_up_list, name="follow_up_list"),
    path("follow-ups/export/", exports.export_follow_ups, name="export_follow_ups"),
    path("follow-ups/<int:pk>/", views.follow_up, name="follow_up"),
    path("reports/", views.reports, name="reports"),
    path("reports/export/", exports.export_report, name="export_report"),
]
