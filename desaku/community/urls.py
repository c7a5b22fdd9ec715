from django.urls import path

from desaku.community import award_views, exports, views

app_name = "community"

urlpatterns = [
    path("", views.home, name="home"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/export/", exports.export_organisations, name="export_organisations"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/members/new/", views.member_add, name="member_add"),
    path("members/export/", exports.export_members, name="export_members"),
    path("members/<int:pk>/end/", views.member_end, name="member_end"),
    path("persons/search/", views.person_search, name="person_search"),
    path("volunteers/", views.volunteer_list, name="volunteer_list"),
    path("volunteers/new/", views.volunteer_create, name="volunteer_create"),
    path("volunteers/export/", exports.export_volunteers, name="export_volunteers"),
    path("volunteers/<int:pk>/edit/", views.volunteer_edit, name="volunteer_edit"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/export/", exports.export_activities, name="export_activities"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/files/", views.attachment_add, name="attachment_add"),
    path("activities/<int:pk>/files/<int:attachment_pk>/remove/", views.attachment_delete, name="attachment_delete"),
    path("activities/<int:pk>/files/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("awards/", award_views.round_list, name="round_list"),
    path("awards/export/", exports.export_rounds, name="export_rounds"),
    path("awards/new/", award_views.round_create, name="round_create"),
    path("awards/<int:pk>/", award_views.round_detail, name="round_detail"),
    path("awards/<int:pk>/criteria/", award_views.round_criteria, name="round_criteria"),
    path("awards/<int:pk>/entries/", award_views.round_add_entry, name="round_add_entry"),
    path("awards/<int:pk>/jurors/", award_views.round_add_juror, name="round_add_juror"),
    path("awards/<int:pk>/open/", award_views.round_open, name="round_open"),
    path("awards/<int:pk>/jurors/<int:juror_pk>/scores/", award_views.score_sheet, name="score_sheet"),
    path("awards/<int:pk>/finalise/", award_views.round_finalise, name="round_finalise"),
    path("awards/<int:pk>/export/", exports.export_ranking, name="export_ranking"),
    path("awards/<int:pk>/certificates/<int:entry_pk>/", award_views.certificate, name="certificate"),
]
