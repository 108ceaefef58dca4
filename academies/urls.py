"""Onboarding URLs (namespace `academies`), under the organizer space /espace/."""

from django.urls import path

from . import views

app_name = "academies"

urlpatterns = [
    path("espace/rattachement/", views.OnboardingView.as_view(), name="onboarding"),
    path(
        "espace/rattachement/entreprise/nouvelle/",
        views.CompanyCreateView.as_view(),
        name="onboarding_company_create",
    ),
    path(
        "espace/rattachement/demandes/",
        views.AttachmentRequestListView.as_view(),
        name="attachment_requests",
    ),
    path(
        "espace/rattachement/demandes/<int:pk>/accepter/",
        views.AttachmentRequestDecideView.as_view(decision="approve"),
        name="attachment_request_approve",
    ),
    path(
        "espace/rattachement/demandes/<int:pk>/refuser/",
        views.AttachmentRequestDecideView.as_view(decision="refuse"),
        name="attachment_request_refuse",
    ),
]
