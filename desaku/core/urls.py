from django.contrib.auth import views as auth_views
from django.urls import path

from desaku.core import task_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/<int:pk>/", views.audit_detail, name="audit_detail"),
    path("audit/access/", views.access_log_list, name="access_log_list"),
    path("notifications/", views.notification_list, name="notification_list"),
    path("tasks/", task_views.task_list, name="task_list"),
    path("tasks/<int:pk>/done/", task_views.task_complete, name="task_complete"),
    path("tasks/<int:pk>/reopen/", task_views.task_reopen, name="task_reopen"),
    path("verify/<str:token>/", views.letter_verify, name="letter_verify"),
]
