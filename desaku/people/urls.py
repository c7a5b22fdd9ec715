from django.urls import path

from desaku.people import exports, views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("export/", exports.export_persons, name="export"),
    path("register/", views.register, name="register"),
    path("register/check/", views.duplicate_check, name="duplicate_check"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/link/", views.link_existing, name="link_existing"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/nik/", views.reveal_nik, name="reveal_nik"),
    path("<int:pk>/aliases/add/", views.alias_add, name="alias_add"),
    path("<int:pk>/aliases/<int:alias_pk>/remove/", views.alias_remove, name="alias_remove"),
    path("<int:pk>/photos/add/", views.photo_add, name="photo_add"),
    path("<int:pk>/photos/<int:photo_pk>/", views.photo, name="photo"),
    path("<int:pk>/disabilities/add/", views.disability_add, name="disability_add"),
    path("<int:pk>/disabilities/<int:disability_pk>/remove/", views.disability_remove, name="disability_remove"),
    path("<int:pk>/classifications/add/", views.classification_add, name="classification_add"),
    path("<int:pk>/classifications/<int:classification_pk>/end/", views.classification_end,
         name="classification_end"),
    path("<int:pk>/consents/add/", views.consent_add, name="consent_add"),
    path("<int:pk>/consents/<int:consent_pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("<int:pk>/consents/<int:consent_pk>/form/", views.consent_form, name="consent_form"),
    path("<int:pk>/household/new/", views.household_create, name="household_create"),
    path("<int:pk>/duplicates/", views.duplicates, name="duplicates"),
    path("<int:pk>/merge/<int:other_pk>/", views.merge, name="merge"),
    path("households/<int:pk>/", views.household_detail, name="household_detail"),
    path("households/<int:pk>/members/add/", views.household_add_member, name="household_add_member"),
    path("households/<int:pk>/members/<int:membership_pk>/end/", views.membership_end, name="membership_end"),
    path("households/<int:pk>/kk/", views.household_change_kk, name="household_change_kk"),
    path("merges/", views.merge_list, name="merge_list"),
    path("merges/export/", exports.export_merges, name="export_merges"),
    path("merges/<int:pk>/undo/", views.unmerge, name="unmerge"),
]
