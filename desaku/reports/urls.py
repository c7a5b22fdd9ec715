from django.urls import path

from desaku.reports import core_exports, views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard_page, name="dashboard"),
    path("export/", views.export_dashboard, name="export_dashboard"),
    path("definitions/", views.definitions_page, name="definitions"),
    path("exports/", views.export_list, name="export_list"),
    path("exports/tasks/", core_exports.export_tasks, name="export_tasks"),
    path("exports/audit/", core_exports.export_audit, name="export_audit"),
    path("exports/access-log/", core_exports.export_access_log, name="export_access_log"),
    path("exports/notifications/", core_exports.export_notifications, name="export_notifications"),
    path("exports/<int:pk>/", views.export_detail, name="export_detail"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
    path("monthly/", views.monthly_list, name="monthly_list"),
    path("monthly/generate/", views.monthly_generate, name="monthly_generate"),
    path("monthly/<int:pk>/", views.monthly_detail, name="monthly_detail"),
    path("monthly/<int:pk>/<str:fmt>/", views.monthly_download, name="monthly_download"),
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/data.csv", views.open_data_csv, name="open_data_csv"),
    path("open-data/data.json", views.open_data_json, name="open_data_json"),
]
