from django.urls import path

from desaku.cases import exports, views

app_name = "cases"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("team/", views.team, name="team"),
    path("export/", views.export_cases, name="export"),
    path("new/", views.case_create, name="case_create"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("<int:pk>/close/", views.case_close, name="case_close"),
    path("<int:pk>/status/", views.case_status, name="case_status"),
    path("<int:pk>/reopen/", views.case_reopen, name="case_reopen"),
    path("<int:pk>/assessment/", views.assessment_create, name="assessment_create"),
    path("<int:pk>/plan/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/plan/goals/", views.goal_add, name="goal_add"),
    path("<int:pk>/plan/actions/", views.action_add, name="action_add"),
    path("<int:pk>/plan/actions/<int:action_pk>/done/", views.action_done, name="action_done"),
    path("<int:pk>/plan/review/", views.review_add, name="review_add"),
    path("<int:pk>/services/", views.service_add, name="service_add"),
    path("<int:pk>/notes/", views.note_add, name="note_add"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/transfer/", views.transfer_request, name="transfer_request"),
    path("<int:pk>/share/", views.share_add, name="share_add"),
    path("<int:pk>/share/<int:share_pk>/revoke/", views.share_revoke, name="share_revoke"),
    path("<int:pk>/referral/", views.referral_create, name="referral_create"),
    path("<int:pk>/village/", views.village_nominate, name="village_nominate"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("transfers/<int:pk>/decide/", views.transfer_decide, name="transfer_decide"),
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/export/", exports.export_referrals, name="export_referrals"),
    path("team/export/", exports.export_team, name="export_team"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("referrals/<int:pk>/step/", views.referral_step, name="referral_step"),
    path("referrals/<int:pk>/attachments/", views.referral_attach, name="referral_attach"),
    path("referrals/<int:pk>/letter/", views.referral_letter, name="referral_letter"),
]
