from django.urls import path

from desaku.aid import exports, views

app_name = "aid"

urlpatterns = [
    path("", views.program_list, name="program_list"),
    path("programs/new/", views.program_create, name="program_create"),
    path("programs/<int:pk>/", views.program_detail, name="program_detail"),
    path("programs/<int:pk>/edit/", views.program_edit, name="program_edit"),
    path("programs/<int:pk>/eligible/", views.program_eligible, name="program_eligible"),
    path("programs/<int:pk>/enrol/<int:person_pk>/", views.enrol, name="enrol"),
    path("programs/<int:pk>/cycles/new/", views.cycle_create, name="cycle_create"),
    path("persons/<int:pk>/", views.person_eligibility, name="person_eligibility"),
    path("enrolments/", views.enrolment_list, name="enrolment_list"),
    path("enrolments/export/", exports.export_enrolments, name="export_enrolments"),
    path("enrolments/<int:pk>/", views.enrolment_detail, name="enrolment_detail"),
    path("enrolments/<int:pk>/decide/", views.enrolment_decide, name="enrolment_decide"),
    path("cycles/", views.cycle_list, name="cycle_list"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("cycles/<int:pk>/decide/", views.cycle_decide, name="cycle_decide"),
    path("cycles/<int:pk>/stock/", views.stock_add, name="stock_add"),
    path("cycles/<int:pk>/transfer.csv", views.cycle_bank_csv, name="cycle_bank_csv"),
    path("cycles/<int:pk>/receipts.pdf", views.cycle_receipts, name="cycle_receipts"),
    path("cycles/<int:pk>/export/", exports.export_lines, name="export_lines"),
    path("lines/<int:pk>/pay/", views.line_pay, name="line_pay"),
    path("lines/<int:pk>/mark/", views.line_mark, name="line_mark"),
    path("lines/<int:pk>/evidence/", views.line_evidence, name="line_evidence"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/new/<int:person_pk>/", views.request_create, name="request_create"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/decide/", views.request_decide, name="request_decide"),
    path("requests/<int:pk>/documents/", views.document_add, name="document_add"),
    path("requests/<int:pk>/letter/", views.request_letter, name="request_letter"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("letters/", views.letter_register, name="letter_register"),
    path("budget/", views.budget, name="budget"),
    path("budget/export/", exports.export_budget, name="export_budget"),
]
