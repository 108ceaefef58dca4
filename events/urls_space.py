"""The teachers' space; added to events/urls.py, in the `events` namespace."""

from django.urls import path

from .views import space

space_urlpatterns = [
    path("espace/inscriptions/", space.RegistrationListView.as_view(), name="registration_list"),
    path(
        "espace/inscriptions/nouvelle/",
        space.RegistrationCreateView.as_view(),
        name="registration_create",
    ),
    path(
        "espace/inscriptions/<int:pk>/annuler/",
        space.RegistrationCancelView.as_view(),
        name="registration_cancel",
    ),
]
